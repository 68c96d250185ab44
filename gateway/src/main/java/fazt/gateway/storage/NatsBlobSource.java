package fazt.gateway.storage;

import fazt.gateway.site.BlobSource;
import fazt.platform.nats.NatsRequester;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.StorageSubjects;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@link BlobSource} over storage-svc's {@code svc.storage.blob.read}. */
@Singleton
public final class NatsBlobSource implements BlobSource {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final NatsRequester nats;

    NatsBlobSource(NatsRequester nats) {
        this.nats = nats;
    }

    @Override
    public CompletableFuture<byte[]> read(String digest, long offset, int length) {
        return nats.requestForBytes(StorageSubjects.BLOB_READ, new BlobReadRequest(digest, offset, length), TIMEOUT)
                .thenApply(message -> {
                    byte[] data = message.getData();
                    if (data.length != length) {
                        throw new IllegalStateException("blob " + digest + " returned " + data.length + " bytes, not " + length);
                    }
                    return data;
                });
    }
}
