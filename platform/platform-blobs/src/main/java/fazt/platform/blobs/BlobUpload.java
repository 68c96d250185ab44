package fazt.platform.blobs;

import fazt.platform.nats.NatsRequester;
import fazt.proto.MessageCodec;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One upload into storage-svc ({@code blob.write}), driven chunk by chunk: chunks of at most
 * {@link StorageSubjects#CHUNK_SIZE} sent in order, one at a time (the caller waits for each before sending the
 * next, which is the backpressure), the last one flagged so storage names the blob. For callers that receive the
 * bytes asynchronously (the gateway streaming a request body); {@link BlobWriter} drives one from an InputStream.
 * Not thread-safe: one caller drives it.
 */
public final class BlobUpload {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NatsRequester nats;
    private final String uploadId = newUploadId();
    private long offset;

    public BlobUpload(NatsRequester nats) {
        this.nats = nats;
    }

    /** A fresh upload id: {@code u_} and 24 random hex digits (storage accepts 8-64 of [A-Za-z0-9_-]). */
    static String newUploadId() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "u_" + HexFormat.of().formatHex(random);
    }

    /** Sends the next chunk (at most {@link StorageSubjects#CHUNK_SIZE} bytes); completes with storage's answer. */
    public CompletableFuture<BlobWritten> send(byte[] chunk, boolean last) {
        if (chunk.length > StorageSubjects.CHUNK_SIZE) {
            throw new IllegalArgumentException(
                    "chunk of " + chunk.length + " bytes; at most " + StorageSubjects.CHUNK_SIZE + " per message");
        }
        long at = offset;
        offset += chunk.length;
        return nats.requestRaw(
                        StorageSubjects.BLOB_WRITE,
                        Map.of(
                                StorageSubjects.HEADER_UPLOAD_ID, uploadId,
                                StorageSubjects.HEADER_OFFSET, Long.toString(at),
                                StorageSubjects.HEADER_LAST, Boolean.toString(last)),
                        chunk,
                        TIMEOUT)
                .thenApply(reply -> MessageCodec.INSTANCE.decode(reply.getData(), BlobWritten.class));
    }

    /** Bytes handed to {@link #send} so far. */
    public long sent() {
        return offset;
    }
}
