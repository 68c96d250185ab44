package fazt.platform.bodystream;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.PeerInboxes;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The holding side of chunk-pull body streams ({@link RuntimeSubjects}) on one NATS connection. One wildcard
 * subscription on an inbox prefix of its own, made and flushed when the holder is created, serves every stream, so a
 * stream can be pulled the moment it is registered (no new subscription racing the reader, even across a cluster).
 * {@link #register} opens a stream on a fresh subject under that prefix; each pull ({@code Fazt-Seq} n) is answered
 * with chunk n, produced only then, with {@code Fazt-Last: true} on the final one. A repeated pull of the chunk just
 * served gets it again (a lost reply); any other order is a 409 problem. A stream ends when its last chunk was
 * served, when its producer fails (the reader gets a problem), when nobody pulled it for the idle time (abandoned),
 * or when its owner or its reader ({@link BodyStreamReader#cancel}) cancels it; in every case its producer is closed and later pulls get a 410 problem. Once the
 * holder or its connection is gone, pulls find no responder.
 */
public final class BodyStreamHolder implements AutoCloseable {
    /** How a held stream ended. */
    public enum Outcome {
        COMPLETED,
        FAILED,
        ABANDONED,
        CANCELLED
    }

    private static final Logger log = LoggerFactory.getLogger(BodyStreamHolder.class);

    private final Connection nats;
    private final long idleMillis;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timers;
    private final Map<String, HeldStream> open = new ConcurrentHashMap<>();
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    /** A holder whose streams are dropped after {@link RuntimeSubjects#STREAM_IDLE_MILLIS} without a pull. */
    public BodyStreamHolder(Connection nats) {
        this(nats, Duration.ofMillis(RuntimeSubjects.STREAM_IDLE_MILLIS));
    }

    public BodyStreamHolder(Connection nats, Duration idle) {
        this.nats = nats;
        this.idleMillis = idle.toMillis();
        this.prefix = PeerInboxes.bodyStreams(nats);
        this.dispatcher = nats.createDispatcher(this::onPull);
        dispatcher.subscribe(prefix + ".*");
        try {
            nats.flush(Duration.ofSeconds(5)); // the server knows the interest before any stream is handed out
        } catch (Exception e) {
            // not connected right now: the subscription is sent on reconnect
        }
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "body-stream-idle");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens a stream served from {@code producer}; the reader pulls it at {@link HeldStream#subject()}. */
    public HeldStream register(ChunkProducer producer) {
        String subject = prefix + "." + next.incrementAndGet();
        HeldStream stream = new HeldStream(subject, producer);
        open.put(subject, stream);
        synchronized (stream) {
            stream.armIdle();
        }
        return stream;
    }

    private void onPull(Message pull) {
        HeldStream stream = open.get(pull.getSubject());
        if (stream == null) {
            reply(
                    pull,
                    problem(
                            410,
                            "body-stream-gone",
                            "Body stream gone",
                            "The body stream ended, failed or was dropped after " + idleMillis
                                    + " ms without a pull."));
            return;
        }
        if (pull.getHeaders() != null && "true".equals(pull.getHeaders().getFirst(RuntimeSubjects.HEADER_CANCEL))) {
            stream.cancel(); // the reader wants no more: close the producer now, not after the idle time
            return;
        }
        stream.onPull(pull);
    }

    /** How many streams are open now. */
    public int openStreams() {
        return open.size();
    }

    /**
     * Waits up to {@code timeout} for open streams to be read to their end (a stopping service lets in-flight bodies
     * finish), then cancels what is left.
     */
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    /** Cancels every open stream and stops the holder. */
    @Override
    public void close() {
        open.values().forEach(HeldStream::cancel);
        timers.shutdownNow();
        try {
            nats.closeDispatcher(dispatcher);
        } catch (IllegalStateException e) {
            // the connection is already closed: nothing left to unsubscribe
        }
    }

    /** One body held for a reader: its subject, how it ended, and a way for the owner to drop it. */
    public final class HeldStream {
        private final String subject;
        private final ChunkProducer producer;
        private final CompletableFuture<Outcome> done = new CompletableFuture<>();
        private ScheduledFuture<?> idle;
        private long served;
        private Chunk lastServed;
        private boolean busy;

        private HeldStream(String subject, ChunkProducer producer) {
            this.subject = subject;
            this.producer = producer;
        }

        /** The inbox subject readers pull from. */
        public String subject() {
            return subject;
        }

        /** Completes once the stream ended, telling how. */
        public CompletableFuture<Outcome> done() {
            return done;
        }

        /** Drops the stream now (the body is no longer wanted); later pulls find no responder. */
        public void cancel() {
            finish(Outcome.CANCELLED);
        }

        private void onPull(Message pull) {
            long seq = parseSeq(pull);
            Chunk again = null;
            synchronized (this) {
                if (done.isDone()) {
                    return; // ended between delivery and now; the reader times out or finds no responder next
                }
                if (seq < 1) {
                    reply(
                            pull,
                            problem(
                                    400,
                                    "bad-pull",
                                    "Bad chunk pull",
                                    "A pull needs header " + RuntimeSubjects.HEADER_SEQ
                                            + " with a positive chunk number."));
                    return;
                }
                if (busy || (seq != served + 1 && !(seq == served && lastServed != null))) {
                    reply(
                            pull,
                            problem(
                                    409,
                                    "pull-out-of-order",
                                    "Chunk pull out of order",
                                    "Chunk " + seq + " was pulled, but the next chunk is " + (served + 1) + "."));
                    return;
                }
                if (seq == served) {
                    again = lastServed;
                    armIdle();
                } else {
                    busy = true;
                    disarmIdle();
                }
            }
            if (again != null) {
                send(pull, again);
                return;
            }
            CompletableFuture<Chunk> next;
            try {
                next = producer.next(RuntimeSubjects.CHUNK_SIZE);
            } catch (RuntimeException e) {
                next = CompletableFuture.failedFuture(e);
            }
            next.whenComplete((chunk, failure) -> delivered(pull, seq, chunk, failure));
        }

        private void delivered(Message pull, long seq, Chunk chunk, Throwable failure) {
            synchronized (this) {
                busy = false;
                if (done.isDone()) {
                    return;
                }
                if (failure == null && chunk != null) {
                    served = seq;
                    lastServed = chunk;
                }
            }
            if (failure != null || chunk == null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof ProblemException p) {
                    reply(pull, p.problem());
                } else {
                    log.warn(
                            "body stream source failed subject={} chunk={} cause={}",
                            subject,
                            seq,
                            cause == null ? "no chunk" : cause.getClass().getSimpleName());
                    reply(
                            pull,
                            problem(
                                    502,
                                    "body-source-failed",
                                    "Body source failed",
                                    "The body could not be read to its end."));
                }
                finish(Outcome.FAILED);
                return;
            }
            send(pull, chunk);
            if (chunk.last()) {
                finish(Outcome.COMPLETED);
            } else {
                synchronized (this) {
                    armIdle();
                }
            }
        }

        private void send(Message pull, Chunk chunk) {
            if (pull.getReplyTo() == null) {
                return;
            }
            Headers headers = new Headers();
            if (chunk.last()) {
                headers.put(RuntimeSubjects.HEADER_LAST, "true");
            }
            nats.publish(pull.getReplyTo(), headers, chunk.data());
        }

        private void armIdle() {
            disarmIdle();
            try {
                idle = timers.schedule(() -> finish(Outcome.ABANDONED), idleMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the holder is closing; close() cancels this stream
            }
        }

        private void disarmIdle() {
            if (idle != null) {
                idle.cancel(false);
                idle = null;
            }
        }

        private void finish(Outcome outcome) {
            synchronized (this) {
                if (done.isDone()) {
                    return;
                }
                disarmIdle();
                open.remove(subject);
            }
            if (outcome == Outcome.ABANDONED) {
                log.info("body stream abandoned subject={} served={}", subject, served);
            }
            try {
                producer.close();
            } finally {
                done.complete(outcome);
            }
        }
    }

    private void reply(Message pull, Problem problem) {
        if (pull.getReplyTo() == null) {
            return;
        }
        Headers headers = new Headers();
        headers.put(FaztHeaders.SERVICE_ERROR_CODE, Integer.toString(problem.status()));
        headers.put(FaztHeaders.SERVICE_ERROR, problem.title());
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(Problem.class));
        nats.publish(pull.getReplyTo(), headers, MessageCodec.INSTANCE.encode(problem));
    }

    private static long parseSeq(Message pull) {
        String value = pull.getHeaders() == null ? null : pull.getHeaders().getFirst(RuntimeSubjects.HEADER_SEQ);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Problem problem(int status, String kind, String title, String detail) {
        return Problem.of(status, "platform/" + kind, title, detail);
    }
}
