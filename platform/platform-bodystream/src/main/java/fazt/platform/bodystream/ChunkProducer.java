package fazt.platform.bodystream;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The source of a held body: produces the next chunk when asked, and only then, so the reader's pulls set the pace.
 * {@link BodyStreamHolder} calls {@link #next} for one chunk at a time, in order, never concurrently; it calls
 * {@link #close} exactly once when the stream ends, fails, is abandoned or cancelled.
 */
public interface ChunkProducer {
    /**
     * Completes with the next chunk of at most {@code maxBytes} bytes ({@link Chunk#last()} on the final one), or
     * fails. A {@link fazt.platform.nats.ProblemException} failure is passed to the reader as that problem.
     */
    CompletableFuture<Chunk> next(int maxBytes);

    /** Releases what the producer holds. */
    void close();

    /** A producer of bytes all in memory (tests, small bodies). */
    static ChunkProducer of(byte[] bytes) {
        return new ChunkProducer() {
            private int offset;

            @Override
            public CompletableFuture<Chunk> next(int maxBytes) {
                int n = Math.min(maxBytes, bytes.length - offset);
                byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + n);
                offset += n;
                return CompletableFuture.completedFuture(new Chunk(chunk, offset >= bytes.length));
            }

            @Override
            public void close() {
                offset = bytes.length;
            }
        };
    }

    /**
     * A producer over a blocking source whose {@code next} may wait (a handler still writing its body); each read
     * runs on {@code executor} (virtual threads), never on the NATS dispatcher. A null read is the end of the body.
     */
    static ChunkProducer blocking(BlockingSource source, Executor executor) {
        return new ChunkProducer() {
            @Override
            public CompletableFuture<Chunk> next(int maxBytes) {
                CompletableFuture<Chunk> result = new CompletableFuture<>();
                executor.execute(() -> {
                    try {
                        byte[] data = source.next(maxBytes);
                        result.complete(data == null ? Chunk.END : new Chunk(data, false));
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                });
                return result;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** A body read by blocking calls; {@code next} returns null at the end. */
    interface BlockingSource {
        byte[] next(int maxBytes) throws IOException;

        void close();
    }
}
