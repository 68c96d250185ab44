package fazt.gateway.storage;

import fazt.platform.nats.NatsRequester;
import fazt.proto.MessageCodec;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One streamed upload of a request body into storage: chunks of at most {@link StorageSubjects#CHUNK_SIZE} sent in
 * order, one at a time (the caller waits for each before sending the next, which is the backpressure), the last one
 * flagged so storage names the blob. Not thread-safe: one caller drives it.
 */
public final class BlobUpload {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NatsRequester nats;
    private final String uploadId = "g_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    private long offset;

    public BlobUpload(NatsRequester nats) {
        this.nats = nats;
    }

    /** Sends the next chunk; completes with storage's answer (with the digest when {@code last}). */
    public CompletableFuture<BlobWritten> send(byte[] chunk, boolean last) {
        long at = offset;
        offset += chunk.length;
        return nats.requestRaw(StorageSubjects.BLOB_WRITE, Map.of(
                        StorageSubjects.HEADER_UPLOAD_ID, uploadId,
                        StorageSubjects.HEADER_OFFSET, Long.toString(at),
                        StorageSubjects.HEADER_LAST, Boolean.toString(last)), chunk, TIMEOUT)
                .thenApply(reply -> MessageCodec.INSTANCE.decode(reply.getData(), BlobWritten.class));
    }

    public long sent() {
        return offset;
    }
}
