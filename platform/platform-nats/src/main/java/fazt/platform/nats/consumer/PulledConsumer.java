package fazt.platform.nats.consumer;

import fazt.platform.loop.BackgroundLoop;
import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable or work-queue consumer: one durable pull consumer shared by the service's instances, pulled by a
 * {@link BackgroundLoop} named after it, which declares the consumer (waiting for the stream, see
 * {@link DurableDeclaration}), runs the consumer's {@code ready}, then fetches as many messages as it has free slots
 * and handles each on a virtual thread. While a handler runs, its message gets an in-progress ack every third of the
 * ack wait. Done: ack. Retry asked: nak with that delay. Failure: nak with the backoff, or after the last delivery
 * a dead letter and term. If anything fails around it (the stream is not there yet, NATS reconnects) the loop starts
 * again after a pause and declares the consumer anew.
 */
final class PulledConsumer<T> implements RunningConsumer {
    /** How long one pull waits for messages; new messages are handed on as they arrive, not when it ends. */
    static final Duration PULL_WAIT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(PulledConsumer.class);

    private final Connection nats;
    private final SubjectRoot root;
    private final MessageHandling<T> handling;
    private final BackgroundLoop.Body ready;
    private final Semaphore slots;
    private final ScheduledExecutorService keepAlive;
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean draining;
    private BackgroundLoop loop;

    PulledConsumer(Connection nats, SubjectRoot root, MessageHandling<T> handling, BackgroundLoop.Body ready) {
        this.nats = nats;
        this.root = root;
        this.handling = handling;
        this.ready = ready;
        this.slots = new Semaphore(handling.spec.inFlight());
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name(handling.spec.name() + "-keepalive").factory());
    }

    PulledConsumer<T> start() {
        loop = BackgroundLoop.forever(handling.spec.name(), this::pull);
        return this;
    }

    @Override
    public String name() {
        return handling.spec.name();
    }

    private void pull() throws Exception {
        ConsumerSpec<T> spec = handling.spec;
        ConsumerContext consumer =
                DurableDeclaration.declare(nats, spec.stream().apply(root), spec, root.qualify(spec.subject()));
        log.info(
                "consumer started consumer={} kind={} stream={} filter={}",
                spec.name(),
                spec.kind().tag(),
                spec.stream().apply(root),
                root.qualify(spec.subject()));
        ready.run();
        while (!draining && !Thread.currentThread().isInterrupted()) {
            slots.acquire();
            if (draining) {
                slots.release();
                break;
            }
            int free = 1 + slots.drainPermits();
            int taken = 0;
            try (FetchConsumer fetch = consumer.fetch(FetchConsumeOptions.builder()
                    .maxMessages(free)
                    .expiresIn(PULL_WAIT.toMillis())
                    .build())) {
                for (Message m = fetch.nextMessage(); m != null; m = fetch.nextMessage()) {
                    taken++;
                    Message message = m;
                    Thread.ofVirtual().name(spec.name() + "-message").start(() -> {
                        try {
                            deliver(message);
                        } catch (RuntimeException e) {
                            // An ack or nak that did not go out (the connection is closing): the stream delivers
                            // the message again after the ack wait.
                            log.warn(
                                    "message not settled consumer={} subject={} reason={}",
                                    spec.name(),
                                    message.getSubject(),
                                    MessageHandling.reason(e));
                        } finally {
                            slots.release();
                        }
                    });
                }
            } finally {
                slots.release(free - taken);
            }
        }
        if (draining) {
            // The last pull has ended, so the server holds no request of ours that could take a message nobody
            // would read (it would wait out the ack wait before another instance got it). Wait for the stop.
            drained.countDown();
            new CountDownLatch(1).await();
        }
    }

    private void deliver(Message message) {
        handling.meters.delivered.increment();
        long deliveries = message.metaData().deliveredCount();
        T value;
        try {
            value = handling.decode(message);
        } catch (RuntimeException e) {
            handling.meters.failed.increment();
            handling.unreadable(message);
            if (handling.deadLetter(message, deliveries, e)) {
                message.term();
            } else {
                message.nakWithDelay(handling.spec.backoff().max());
            }
            return;
        }
        long period = Math.max(1, handling.spec.ackWait().toMillis() / 3);
        ScheduledFuture<?> alive =
                keepAlive.scheduleAtFixedRate(message::inProgress, period, period, TimeUnit.MILLISECONDS);
        Outcome outcome;
        try {
            outcome = handling.handle(message, value);
        } catch (Exception e) {
            alive.cancel(false);
            failed(message, deliveries, e);
            return;
        }
        alive.cancel(false);
        switch (outcome) {
            case Outcome.Done done -> {
                message.ack();
                handling.meters.acked.increment();
            }
            case Outcome.RetryAfter retry -> message.nakWithDelay(retry.delay());
        }
    }

    private void failed(Message message, long deliveries, Exception error) {
        handling.meters.failed.increment();
        if (handling.exhausted(deliveries)) {
            if (handling.deadLetter(message, deliveries, error)) {
                message.term();
                return;
            }
            message.nakWithDelay(handling.spec.backoff().max());
            return;
        }
        Duration wait = handling.spec.backoff().after(deliveries);
        handling.retrying(message, deliveries, wait, error);
        message.nakWithDelay(wait);
    }

    @Override
    public boolean stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        draining = true;
        try {
            // Let the pull in flight end rather than interrupting it: its request stays on the server until it
            // expires, and a message the server hands to it then would reach no one until its ack wait ran out.
            long drainWait =
                    Math.min(timeout.toNanos(), PULL_WAIT.plusSeconds(1).toNanos());
            if (loop != null && !drained.await(drainWait, TimeUnit.NANOSECONDS)) {
                log.debug("consumer still pulling at stop consumer={}", handling.spec.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stopped = loop == null || loop.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            boolean idle = slots.tryAcquire(handling.spec.inFlight(), left, TimeUnit.NANOSECONDS);
            if (idle) {
                slots.release(handling.spec.inFlight()); // nothing runs; a second stop finds it idle too
            }
            return stopped && idle;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            keepAlive.shutdownNow();
        }
    }
}
