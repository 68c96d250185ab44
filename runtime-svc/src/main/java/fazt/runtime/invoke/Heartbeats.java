package fazt.runtime.invoke;

import fazt.platform.service.ServiceIdentity;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of running invocations: an empty message with {@code Fazt-Instance} to the caller's progress inbox every
 * {@link RuntimeSubjects#HEARTBEAT_MILLIS} while the invocation runs, the first one {@link RuntimeSubjects#HEARTBEAT_MILLIS}
 * after it started. A gateway that stops hearing them knows this instance died and fails the request fast instead of
 * waiting out its deadline; it counts the silence from the moment it sent the request, so an invocation that replies
 * within the first period (nearly all of them) costs no beat at all (ADR 0017: it was one NATS message in four).
 */
@Singleton
final class Heartbeats {
    /** How often running invocations are looked at; bounds how late a beat can be. */
    static final long TICK_MILLIS = 100;

    private final Connection nats;
    private final Headers headers = new Headers();
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "invoke-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final String instance;

    Heartbeats(Connection nats, ServiceIdentity identity) {
        this.nats = nats;
        this.instance = identity.instance();
        headers.put(RuntimeSubjects.HEADER_INSTANCE, instance);
        timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts beating to {@code inbox} (nothing when the caller named none); closing the result stops it. */
    Beat start(String inbox) {
        if (inbox == null || inbox.isBlank()) {
            return () -> {};
        }
        Running beat = new Running(inbox, System.nanoTime());
        running.add(beat);
        return () -> running.remove(beat);
    }

    private void tick() {
        long now = System.nanoTime();
        long period = TimeUnit.MILLISECONDS.toNanos(RuntimeSubjects.HEARTBEAT_MILLIS);
        for (Running beat : running) {
            if (now - beat.last >= period) {
                beat.last = now;
                try {
                    nats.publish(beat.inbox, headers, new byte[0]);
                } catch (RuntimeException e) {
                    // connection closing: the caller notices the silence, which is the truth
                }
            }
        }
    }

    /** The instance id the beats carry. */
    String instance() {
        return instance;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** A running heartbeat. */
    interface Beat extends AutoCloseable {
        @Override
        void close();
    }

    /** One invocation being beaten for; {@code last} is touched by the timer thread only. */
    private static final class Running {
        private final String inbox;
        private long last;

        Running(String inbox, long startedNanos) {
            this.inbox = inbox;
            this.last = startedNanos;
        }
    }
}
