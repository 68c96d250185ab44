package fazt.runtime.bindings;

import fazt.platform.nats.NatsRequester;
import fazt.proto.MessageCodec;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Moves the bytes of {@code env.FILES} through storage-svc's chunked blob protocol: an upload of chunks of at most
 * {@link StorageSubjects#CHUNK_SIZE} sent one after the other under a fresh upload id (the last one flagged, its
 * reply names the digest), and reads of a blob range by range. The gateway's BlobUpload does the same for request
 * bodies; a few lines in two services that evolve apart.
 */
final class BlobTransfer {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NatsRequester nats;

    BlobTransfer(NatsRequester nats) {
        this.nats = nats;
    }

    /** Uploads {@code bytes}; returns what storage answered for the last chunk (digest and size). */
    BlobWritten upload(byte[] bytes) {
        String uploadId = "r_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        int offset = 0;
        while (true) {
            int end = Math.min(bytes.length, offset + StorageSubjects.CHUNK_SIZE);
            boolean last = end == bytes.length;
            byte[] chunk = Arrays.copyOfRange(bytes, offset, end);
            BlobWritten written = MessageCodec.INSTANCE.decode(await(nats.requestRaw(StorageSubjects.BLOB_WRITE, Map.of(
                    StorageSubjects.HEADER_UPLOAD_ID, uploadId,
                    StorageSubjects.HEADER_OFFSET, Integer.toString(offset),
                    StorageSubjects.HEADER_LAST, Boolean.toString(last)), chunk, TIMEOUT)).getData(), BlobWritten.class);
            if (last) {
                return written;
            }
            offset = end;
        }
    }

    /** Reads a whole blob of {@code size} bytes. */
    byte[] read(String digest, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        for (long offset = 0; offset < size; ) {
            int length = (int) Math.min(StorageSubjects.CHUNK_SIZE, size - offset);
            byte[] chunk = await(nats.requestForBytes(StorageSubjects.BLOB_READ,
                    new BlobReadRequest(digest, offset, length), TIMEOUT)).getData();
            if (chunk.length != length) {
                throw new IllegalStateException("blob " + digest + " returned " + chunk.length + " bytes, not " + length);
            }
            out.writeBytes(chunk);
            offset += length;
        }
        return out.toByteArray();
    }

    static <T> T await(CompletableFuture<T> reply) {
        try {
            return reply.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
