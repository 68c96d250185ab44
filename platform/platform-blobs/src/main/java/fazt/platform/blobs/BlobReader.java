package fazt.platform.blobs;

import fazt.platform.nats.NatsRequester;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.StorageSubjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Reads blobs from storage-svc ({@code blob.read}): exact ranges asynchronously, or a whole blob as an InputStream
 * that fetches one range of at most {@link StorageSubjects#CHUNK_SIZE} at a time, so no blob is ever one message or
 * wholly in memory.
 */
public final class BlobReader {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Largest range one read may ask for. */
    public static final int MAX_READ = StorageSubjects.CHUNK_SIZE;

    private final NatsRequester nats;
    private final Duration timeout;

    public BlobReader(NatsRequester nats) {
        this(nats, DEFAULT_TIMEOUT);
    }

    public BlobReader(NatsRequester nats, Duration timeout) {
        this.nats = nats;
        this.timeout = timeout;
    }

    /**
     * Exactly {@code length} bytes (at most {@link #MAX_READ}) of the blob from {@code offset}; fails when storage
     * returns fewer, which means the caller's idea of the blob's size is wrong. A missing blob fails with storage's
     * 404 problem.
     */
    public CompletableFuture<byte[]> read(String digest, long offset, int length) {
        return nats.requestForBytes(StorageSubjects.BLOB_READ, new BlobReadRequest(digest, offset, length), timeout)
                .thenApply(message -> {
                    byte[] data = message.getData() == null ? new byte[0] : message.getData();
                    if (data.length != length) {
                        throw new IllegalStateException(
                                "blob " + digest + " returned " + data.length + " bytes, not " + length);
                    }
                    return data;
                });
    }

    /**
     * The blob's {@code size} bytes as a stream, fetched range by range as it is read. Blocking: read it on a
     * virtual thread. A failed range fails the read with a {@link BlobTransferException}.
     */
    public InputStream open(String digest, long size) {
        return new RangeStream(digest, size);
    }

    /** Writes the blob's {@code size} bytes to {@code out}. */
    public void copy(String digest, long size, OutputStream out) throws IOException {
        try (InputStream in = open(digest, size)) {
            in.transferTo(out);
        }
    }

    /**
     * The whole blob of {@code size} bytes in memory, for callers whose own limits keep blobs small (server code,
     * an app file read by JavaScript).
     */
    public byte[] readAll(String digest, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("blob " + digest + " of " + size + " bytes does not fit in memory");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        try {
            copy(digest, size, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private final class RangeStream extends InputStream {
        private final String digest;
        private final long size;
        private long position;
        private byte[] buffer = new byte[0];
        private int index;

        RangeStream(String digest, long size) {
            this.digest = digest;
            this.size = size;
        }

        private boolean fill() {
            if (index < buffer.length) {
                return true;
            }
            if (position >= size) {
                return false;
            }
            int length = (int) Math.min(MAX_READ, size - position);
            buffer = Await.result(
                    "blob read", StorageSubjects.BLOB_READ, timeout, BlobReader.this.read(digest, position, length));
            position += length;
            index = 0;
            return true;
        }

        @Override
        public int read() {
            return fill() ? buffer[index++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, buffer.length - index);
            System.arraycopy(buffer, index, target, offset, n);
            index += n;
            return n;
        }

        @Override
        public int available() {
            return buffer.length - index;
        }
    }
}
