package fazt.gateway.storage;

import fazt.gateway.site.BlobSource;
import fazt.platform.blobs.BlobReader;
import fazt.platform.nats.NatsRequester;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@link BlobSource} over storage-svc's {@code svc.storage.blob.read}, through the shared {@link BlobReader}. */
@Singleton
public final class NatsBlobSource implements BlobSource {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final BlobReader reader;

    NatsBlobSource(NatsRequester nats) {
        this.reader = new BlobReader(nats, TIMEOUT);
    }

    @Override
    public CompletableFuture<byte[]> read(String digest, long offset, int length) {
        return reader.read(digest, offset, length);
    }
}
