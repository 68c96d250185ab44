package fazt.scheduler.messaging;

import fazt.scheduler.domain.ExecuteRun;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls runs from the work queue and executes one attempt each on a virtual thread, at most {@link #IN_FLIGHT} at a
 * time per instance. While an attempt runs, the message is kept with in-progress acks; it is acknowledged only after
 * the attempt finished and its outcome was stored (done), or negatively acknowledged with the retry delay, so a
 * scheduler that dies mid-run loses nothing: the queue hands the run to another instance after the ack wait.
 */
@Singleton
final class RunWorker implements ApplicationEventListener<StartupEvent> {
    static final int IN_FLIGHT = 16;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    private static final Duration ON_ERROR_DELAY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

    private final JetStreamRunQueue queue;
    private final ExecuteRun execute;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("scheduler-keepalive").factory());
    private volatile boolean running = true;
    private Thread loop;

    RunWorker(JetStreamRunQueue queue, ExecuteRun execute) {
        this.queue = queue;
        this.execute = execute;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop = Thread.ofVirtual().name("scheduler-worker").start(this::pull);
    }

    private void pull() {
        JetStreamSubscription sub = null;
        while (running) {
            try {
                if (sub == null) {
                    sub = queue.subscribe();
                }
                slots.acquire();
                int free = 1 + slots.drainPermits();
                // iterate, not fetch: each message is handed on as it arrives, not when the batch is full.
                Iterator<Message> messages = sub.iterate(free, Duration.ofSeconds(1));
                int taken = 0;
                while (messages.hasNext()) {
                    Message m = messages.next();
                    taken++;
                    Thread.ofVirtual().name("scheduler-run").start(() -> {
                        try {
                            handle(m);
                        } finally {
                            slots.release();
                        }
                    });
                }
                slots.release(free - taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("work queue pull failed reason={}", e.getClass().getSimpleName());
                sub = null;
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void handle(Message m) {
        String runId = new String(m.getData(), StandardCharsets.UTF_8);
        ScheduledFuture<?> alive = keepAlive.scheduleAtFixedRate(m::inProgress, KEEP_ALIVE.toMillis(),
                KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ExecuteRun.Next next = execute.execute(runId);
            alive.cancel(false);
            if (next.done()) {
                m.ack();
            } else {
                m.nakWithDelay(next.delay().isNegative() ? Duration.ZERO : next.delay());
            }
        } catch (RuntimeException e) {
            alive.cancel(false);
            log.warn("run attempt not completed runId={} reason={}", runId, e.getClass().getSimpleName());
            m.nakWithDelay(ON_ERROR_DELAY);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        keepAlive.shutdownNow();
    }
}
