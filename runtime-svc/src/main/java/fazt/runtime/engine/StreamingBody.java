package fazt.runtime.engine;

import fazt.runtime.invoke.ResponseBody;
import fazt.runtime.web.ChunkSink;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Value;

/**
 * A response body read from the app's {@code ReadableStream} as the transport pulls: each {@link #next} asks the
 * context thread (through the event loop) for one more chunk, so the app produces no faster than the client reads.
 * The invocation's JS thread keeps running the loop ({@link #pump}) until the stream ends, fails or is closed.
 */
final class StreamingBody implements ResponseBody {
    private final AppContext context;
    private final Value reader;
    private final Value request;
    private volatile boolean finished;
    private boolean closing;
    private volatile String failure;
    private CompletableFuture<byte[]> pending;
    private byte[] leftover;
    private int leftoverOffset;

    StreamingBody(AppContext context, Value reader, Value request) {
        this.context = context;
        this.reader = reader;
        this.request = request;
    }

    @Override
    public synchronized byte[] next(int maxBytes) throws IOException {
        if (leftover != null) {
            return fromLeftover(maxBytes);
        }
        if (failure != null) {
            throw new IOException(failure);
        }
        if (finished) {
            return null;
        }
        CompletableFuture<byte[]> chunk = new CompletableFuture<>();
        synchronized (this) {
            pending = chunk;
        }
        context.loop().post(() -> context.bridge().readChunk(reader, new ChunkSink() {
            @Override
            public void chunk(byte[] bytes) {
                chunk.complete(bytes);
            }

            @Override
            public void end() {
                finished = true;
                chunk.complete(null);
            }

            @Override
            public void error(String message) {
                fail(message);
            }
        }));
        context.loop().wake();
        byte[] bytes;
        try {
            bytes = chunk.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (bytes == null) {
            return null;
        }
        leftover = bytes;
        leftoverOffset = 0;
        return fromLeftover(maxBytes);
    }

    private byte[] fromLeftover(int maxBytes) {
        int n = Math.min(maxBytes, leftover.length - leftoverOffset);
        byte[] out = Arrays.copyOfRange(leftover, leftoverOffset, leftoverOffset + n);
        leftoverOffset += n;
        if (leftoverOffset >= leftover.length) {
            leftover = null;
        }
        return out;
    }

    /** Ends the body with an error the reader sees (the app's stream failed, or the invocation was stopped). */
    void fail(String message) {
        failure = message;
        finished = true;
        CompletableFuture<byte[]> waiting = pending;
        if (waiting != null) {
            waiting.completeExceptionally(new IOException(message));
        }
        context.loop().wake();
    }

    @Override
    public synchronized void close() {
        if (!finished && !closing) {
            closing = true;
            // Finished only once the cancellation ran on the context thread: the pump must not stop before it.
            context.loop().post(() -> {
                try {
                    context.bridge().cancel(reader, "the client stopped reading");
                    context.bridge().abortRequest(request, "the client went away");
                } finally {
                    finished = true;
                }
            });
            context.loop().wake();
        }
    }

    /** Runs the context's event loop on the JS thread until the body is done; {@code stop} is the watchdog. */
    void pump(BooleanSupplier stop) throws InterruptedException {
        context.loop().runUntil(() -> finished && (pending == null || pending.isDone()), stop, true);
    }
}
