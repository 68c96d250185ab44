package fazt.runtime.invoke;

import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.Chunk;
import fazt.platform.bodystream.ChunkProducer;
import io.nats.client.Connection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the rest of response bodies (after the inline first chunk) as chunk-pull streams on this instance's
 * connection. Each chunk is read from the {@link ResponseBody} on a virtual thread only when the gateway pulls it,
 * so a slow client slows the app's producer down. On shutdown open streams get {@link #DRAIN} to be read out.
 */
@Singleton
final class ResponseStreams {
    /** How long a stopping instance lets open response bodies be read to their end. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final BodyStreamHolder holder;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    ResponseStreams(Connection nats) {
        this.holder = new BodyStreamHolder(nats);
    }

    /** Holds {@code body}, of which {@code sent} bytes already went inline; returns the subject to pull from. */
    String hold(ResponseBody body, long sent) {
        return holder.register(new Producer(body, sent)).subject();
    }

    int open() {
        return holder.openStreams();
    }

    @PreDestroy
    void stop() {
        holder.drain(DRAIN);
        readers.shutdownNow();
    }

    /** Reads the body on demand; the chunk that completes a known length is marked last at once. */
    private final class Producer implements ChunkProducer {
        private final ResponseBody body;
        private long delivered;

        Producer(ResponseBody body, long sent) {
            this.body = body;
            this.delivered = sent;
        }

        @Override
        public CompletableFuture<Chunk> next(int maxBytes) {
            CompletableFuture<Chunk> result = new CompletableFuture<>();
            readers.execute(() -> {
                try {
                    byte[] data = body.next(maxBytes);
                    if (data == null) {
                        result.complete(Chunk.END);
                        return;
                    }
                    delivered += data.length;
                    long length = body.length();
                    result.complete(new Chunk(data, length >= 0 && delivered >= length));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        }

        @Override
        public void close() {
            body.close();
        }
    }
}
