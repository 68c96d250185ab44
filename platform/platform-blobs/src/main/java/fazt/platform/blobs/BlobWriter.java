package fazt.platform.blobs;

import fazt.platform.nats.NatsRequester;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streams bytes into storage-svc as one blob: reads an InputStream in chunks of {@link StorageSubjects#CHUNK_SIZE}
 * and sends each as the next chunk of a {@link BlobUpload}, waiting for each answer, so at most one chunk is in
 * memory. Blocking: call it from a virtual thread. Thread-safe (each write is its own upload).
 */
public final class BlobWriter {
    private final NatsRequester nats;

    public BlobWriter(NatsRequester nats) {
        this.nats = nats;
    }

    /**
     * Uploads everything {@code in} yields; returns storage's answer with the blob's digest and size.
     *
     * @throws IOException when reading {@code in} fails
     * @throws BlobTransferException when storage refuses a chunk or does not answer
     */
    public BlobWritten write(InputStream in) throws IOException {
        BlobUpload upload = new BlobUpload(nats);
        byte[] buffer = new byte[StorageSubjects.CHUNK_SIZE];
        while (true) {
            int n = in.readNBytes(buffer, 0, buffer.length);
            // A short read is the end; a full one may be followed by an empty last chunk, as the protocol allows.
            boolean last = n < buffer.length;
            byte[] chunk = last ? Arrays.copyOf(buffer, n) : buffer;
            BlobWritten answer = Await.result(
                    "blob upload", StorageSubjects.BLOB_WRITE, BlobUpload.TIMEOUT, upload.send(chunk, last));
            if (last) {
                return answer;
            }
        }
    }

    /** Uploads {@code bytes}; see {@link #write(InputStream)}. */
    public BlobWritten write(byte[] bytes) {
        try {
            return write(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }
}
