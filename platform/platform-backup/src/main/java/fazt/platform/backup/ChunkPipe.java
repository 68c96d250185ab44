package fazt.platform.backup;

import fazt.platform.bodystream.ChunkProducer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over from the thread that writes a part (COPY TO STDOUT) to the body stream that serves it: the
 * writer blocks while {@link #DEPTH} chunks wait, so a slow reader slows the export instead of filling memory. When
 * the stream ends early (reader gone, cancelled) {@link #close} makes the writer's next write fail, which ends the
 * export and rolls its transaction back.
 */
final class ChunkPipe implements ChunkProducer.BlockingSource {
    static final int CHUNK = 256 * 1024;
    static final int DEPTH = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(DEPTH);
    private volatile boolean closed;
    private volatile Throwable failure;
    private byte[] pending;
    private int pendingOffset;

    /** The writing side; {@link OutputStream#close()} marks the end of the part. */
    OutputStream output() {
        return new OutputStream() {
            private byte[] buffer = new byte[CHUNK];
            private int size;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                while (length > 0) {
                    int n = Math.min(length, CHUNK - size);
                    System.arraycopy(data, offset, buffer, size, n);
                    size += n;
                    offset += n;
                    length -= n;
                    if (size == CHUNK) {
                        flush();
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                if (size > 0) {
                    put(Arrays.copyOf(buffer, size));
                    size = 0;
                }
            }

            @Override
            public void close() throws IOException {
                flush();
                put(END);
            }
        };
    }

    /** Ends the part with a failure the reader sees instead of the rest. */
    void fail(Throwable e) {
        failure = e;
        chunks.clear(); // what was written is worthless now; the reader goes straight to the failure
        chunks.offer(END);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 1, TimeUnit.SECONDS)) {
                if (closed) {
                    throw new IOException("the reader of the part is gone");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing over the part", e);
        }
    }

    @Override
    public byte[] next(int maxBytes) throws IOException {
        if (pending == null || pendingOffset == pending.length) {
            try {
                pending = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the part", e);
            }
            pendingOffset = 0;
            if (pending == END) {
                if (failure != null) {
                    throw new IOException("the export failed: " + failure.getMessage(), failure);
                }
                chunks.offer(END); // later calls see the end again
                return null;
            }
        }
        int n = Math.min(maxBytes, pending.length - pendingOffset);
        byte[] out = Arrays.copyOfRange(pending, pendingOffset, pendingOffset + n);
        pendingOffset += n;
        return out;
    }

    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }
}
