package fazt.platform.bodystream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.nats.NatsConnector;
import fazt.platform.nats.ProblemException;
import fazt.platform.test.TestNats;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Holder and reader of chunk-pull body streams over a real NATS server, on two connections as in production. */
class BodyStreamIT {
    /** Liveness bounds, generous for a loaded 2-core machine: the tests wait this long only when something is wrong. */
    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The holder's idle time: a stream nobody pulled for this long is abandoned. Short enough for the abandonment test,
     * long enough that a busy machine's pause between two pulls of one test does not abandon its stream.
     */
    private static final Duration IDLE = Duration.ofSeconds(5);

    private Connection holderSide;
    private Connection readerSide;
    private BodyStreamHolder holder;

    @BeforeEach
    void connect() throws Exception {
        TestNats nats = TestNats.fresh();
        holderSide = NatsConnector.connect(nats.url(), "holder");
        readerSide = NatsConnector.connect(nats.url(), "reader");
        holder = new BodyStreamHolder(holderSide, IDLE);
    }

    @AfterEach
    void close() throws Exception {
        holder.close();
        holderSide.close();
        readerSide.close();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private byte[] readAll(String subject) throws Exception {
        try (InputStream in = new BodyStreamReader(readerSide, subject, PULL_TIMEOUT).inputStream(null)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anEmptyBodyIsOneEmptyLastChunk() throws Exception {
        var stream = holder.register(ChunkProducer.of(new byte[0]));
        assertThat(readAll(stream.subject())).isEmpty();
        assertThat(stream.done().get(10, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.COMPLETED);
        assertThat(holder.openStreams()).isZero();
    }

    @Test
    void exactlyOneChunkIsServedAsTheLast() throws Exception {
        byte[] body = random(RuntimeSubjects.CHUNK_SIZE);
        var stream = holder.register(ChunkProducer.of(body));
        BodyStreamReader reader = new BodyStreamReader(readerSide, stream.subject(), PULL_TIMEOUT);
        Chunk only = reader.pull().get();
        assertThat(only.last()).isTrue();
        assertThat(only.data()).isEqualTo(body);
        assertThat(reader.pull().get()).isSameAs(Chunk.END); // not asked again
        assertThat(stream.done().get(10, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.COMPLETED);
    }

    @Test
    void twentyMegabytesArriveWholeAndInOrderWithTheInlineChunkFirst() throws Exception {
        byte[] body = random(20 * 1024 * 1024 + 17);
        byte[] inline = Arrays.copyOf(body, 1000);
        byte[] rest = Arrays.copyOfRange(body, 1000, body.length);
        var stream = holder.register(ChunkProducer.of(rest));
        long started = System.nanoTime();
        byte[] read;
        try (InputStream in = new BodyStreamReader(readerSide, stream.subject(), PULL_TIMEOUT).inputStream(inline)) {
            read = in.readAllBytes();
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("body stream: 20 MB in %d ms (%.0f MB/s)%n", ms, 20_000.0 / Math.max(ms, 1));
        assertThat(MessageDigest.getInstance("SHA-256").digest(read))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
    }

    @Test
    void aChunkIsProducedOnlyWhenPulled() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        byte[] body = random(5 * RuntimeSubjects.CHUNK_SIZE);
        ChunkProducer all = ChunkProducer.of(body);
        var stream = holder.register(new ChunkProducer() {
            @Override
            public CompletableFuture<Chunk> next(int maxBytes) {
                produced.incrementAndGet();
                return all.next(maxBytes);
            }

            @Override
            public void close() {}
        });
        BodyStreamReader reader = new BodyStreamReader(readerSide, stream.subject(), PULL_TIMEOUT);
        reader.pull().get();
        Thread.sleep(300); // a slow reader: nothing more is produced while it dawdles
        assertThat(produced).hasValue(1);
        reader.pull().get();
        Thread.sleep(300);
        assertThat(produced).hasValue(2);
    }

    @Test
    void aSlowProducerIsWaitedForWithinThePullTimeout() throws Exception {
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        int[] left = {3};
        var stream = holder.register(ChunkProducer.blocking(
                new ChunkProducer.BlockingSource() {
                    @Override
                    public byte[] next(int maxBytes) throws IOException {
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            throw new InterruptedIOException();
                        }
                        return left[0]-- > 0 ? new byte[] {(byte) left[0]} : null;
                    }

                    @Override
                    public void close() {}
                },
                executor));
        assertThat(readAll(stream.subject())).containsExactly(2, 1, 0);
        assertThat(stream.done().get(10, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.COMPLETED);
    }

    @Test
    void anAbandonedStreamIsDroppedAndItsProducerClosed() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        ChunkProducer all = ChunkProducer.of(random(3 * RuntimeSubjects.CHUNK_SIZE));
        var stream = holder.register(new ChunkProducer() {
            @Override
            public CompletableFuture<Chunk> next(int maxBytes) {
                return all.next(maxBytes);
            }

            @Override
            public void close() {
                closed.complete(null);
            }
        });
        BodyStreamReader reader = new BodyStreamReader(readerSide, stream.subject(), PULL_TIMEOUT);
        reader.pull().get();
        assertThat(stream.done().get(30, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.ABANDONED);
        closed.get(10, TimeUnit.SECONDS);
        assertThat(holder.openStreams()).isZero();
        // the holder's answer, not the pull timeout: a timeout carries no problem
        ExecutionException late = Assertions.assertThrows(
                ExecutionException.class, () -> reader.pull().get());
        assertThat(((BodyStreamException) late.getCause()).problem()).isNotNull();
        assertThat(((BodyStreamException) late.getCause()).problem().status()).isEqualTo(410);
        assertThat(late.getCause()).hasMessageContaining("Body stream gone");
    }

    @Test
    void aStreamCanBePulledTheMomentItIsRegistered() throws Exception {
        for (int i = 0; i < 200; i++) { // no subscription races the reader
            var stream = holder.register(ChunkProducer.of(new byte[] {(byte) i}));
            assertThat(readAll(stream.subject())).containsExactly((byte) i);
        }
    }

    @Test
    void aReaderFailsFastWhenTheHolderIsGone() throws Exception {
        var stream = holder.register(ChunkProducer.of(random(3 * RuntimeSubjects.CHUNK_SIZE)));
        InputStream in = new BodyStreamReader(readerSide, stream.subject(), Duration.ofSeconds(20)).inputStream(null);
        assertThat(in.readNBytes(RuntimeSubjects.CHUNK_SIZE)).hasSize(RuntimeSubjects.CHUNK_SIZE);
        holderSide.close(); // the holding process died
        // The server drops the holder's subscription when it reads the close, on the holder's connection, while our
        // pull arrives on another: a pull that wins that race is delivered to the dead connection and can only time
        // out (NATS cannot know better). So wait until the server answers the subject with "no responders"; then the
        // reader must say so at once, naming the stream, instead of waiting out its 20 s pull timeout (whose failure
        // says "not received within").
        awaitNoResponders(stream.subject());
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(BodyStreamException.class)
                .hasMessageContaining(stream.subject())
                .hasMessageContaining("no responder");
    }

    /**
     * Until a request on {@code subject} is answered "no responders" by the server (a liveness bound of 30 s). jnats
     * cancels a request's future on that answer; a request that found the dead subscription times out instead.
     */
    private void awaitNoResponders(String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            CompletableFuture<Message> probe = readerSide.requestWithTimeout(
                    NatsMessage.builder().subject(subject).data(new byte[0]).build(), Duration.ofSeconds(1));
            try {
                Message answer = probe.get(5, TimeUnit.SECONDS);
                if (answer.isStatusMessage() && answer.getStatus().getCode() == 503) {
                    return;
                }
            } catch (CancellationException noResponders) {
                return;
            } catch (ExecutionException e) {
                if (String.valueOf(e.getCause().getMessage()).contains("No Responders")) {
                    return;
                }
                // timed out: delivered to the closing connection, ask again
            } catch (TimeoutException e) {
                // ask again
            }
            assertThat(System.nanoTime() - deadline)
                    .as("no responders for " + subject)
                    .isNegative();
        }
    }

    @Test
    void aProducerProblemReachesTheReaderAndEndsTheStream() throws Exception {
        var stream = holder.register(new ChunkProducer() {
            @Override
            public CompletableFuture<Chunk> next(int maxBytes) {
                return CompletableFuture.failedFuture(new ProblemException(
                        Problem.of(413, "gateway/body-too-large", "Body too large", "The body is larger than 1 MB.")));
            }

            @Override
            public void close() {}
        });
        var pull = new BodyStreamReader(readerSide, stream.subject(), PULL_TIMEOUT).pull();
        ExecutionException failure = Assertions.assertThrows(ExecutionException.class, pull::get);
        BodyStreamException cause = (BodyStreamException) failure.getCause();
        assertThat(cause.problem().status()).isEqualTo(413);
        assertThat(cause.getMessage()).contains("Body too large");
        assertThat(stream.done().get(10, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.FAILED);
    }

    @Test
    void pullsOutOfOrderAreRefusedAndARepeatedPullGetsTheSameChunk() throws Exception {
        byte[] body = random(3 * RuntimeSubjects.CHUNK_SIZE);
        var stream = holder.register(ChunkProducer.of(body));
        assertThat(rawPull(stream.subject(), "2").getHeaders().getFirst("Nats-Service-Error-Code"))
                .isEqualTo("409");
        assertThat(rawPull(stream.subject(), "x").getHeaders().getFirst("Nats-Service-Error-Code"))
                .isEqualTo("400");
        byte[] first = rawPull(stream.subject(), "1").getData();
        assertThat(rawPull(stream.subject(), "1").getData()).isEqualTo(first);
        assertThat(first).isEqualTo(Arrays.copyOf(body, RuntimeSubjects.CHUNK_SIZE));
    }

    @Test
    void theReaderCancellingAStreamClosesItsProducerAtOnce() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        ChunkProducer all = ChunkProducer.of(random(3 * RuntimeSubjects.CHUNK_SIZE));
        var stream = holder.register(new ChunkProducer() {
            @Override
            public CompletableFuture<Chunk> next(int maxBytes) {
                return all.next(maxBytes);
            }

            @Override
            public void close() {
                closed.complete(null);
            }
        });
        BodyStreamReader reader = new BodyStreamReader(readerSide, stream.subject(), PULL_TIMEOUT);
        reader.pull().get();
        reader.cancel();
        // the idle time would say ABANDONED; the reader's cancel says CANCELLED
        assertThat(stream.done().get(10, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.CANCELLED);
        closed.get(10, TimeUnit.SECONDS);
        assertThat(holder.openStreams()).isZero();
        assertThat(reader.pull().get()).isSameAs(Chunk.END);
    }

    @Test
    void theOwnerCancellingAStreamClosesItsProducer() throws Exception {
        var stream = holder.register(ChunkProducer.of(random(10)));
        stream.cancel();
        assertThat(stream.done().get(10, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.CANCELLED);
        assertThatThrownBy(() -> readAll(stream.subject()))
                .isInstanceOf(BodyStreamException.class)
                .hasMessageContaining("410");
    }

    private Message rawPull(String subject, String seq) throws Exception {
        Headers headers = new Headers();
        headers.put(RuntimeSubjects.HEADER_SEQ, seq);
        return readerSide.request(
                NatsMessage.builder()
                        .subject(subject)
                        .headers(headers)
                        .data(new byte[0])
                        .build(),
                PULL_TIMEOUT);
    }
}
