package fazt.runtime.invoke;

import fazt.platform.service.ServiceIdentity;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of running invocations: an empty message with {@code Fazt-Instance} to the caller's progress inbox at once
 * and then every {@link RuntimeSubjects#HEARTBEAT_MILLIS}, until the invocation replies. A gateway that stops hearing
 * them knows this instance died and fails the request fast instead of waiting out its deadline.
 */
@Singleton
final class Heartbeats {
    private final Connection nats;
    private final String instance;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "invoke-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    Heartbeats(Connection nats, ServiceIdentity identity) {
        this.nats = nats;
        this.instance = identity.instance();
    }

    /** Starts beating to {@code inbox} (nothing when the caller named none); closing the result stops it. */
    Beat start(String inbox) {
        if (inbox == null || inbox.isBlank()) {
            return () -> {};
        }
        Headers headers = new Headers();
        headers.put(RuntimeSubjects.HEADER_INSTANCE, instance);
        Runnable beat = () -> {
            try {
                nats.publish(inbox, headers, new byte[0]);
            } catch (RuntimeException e) {
                // connection closing: the caller notices the silence, which is the truth
            }
        };
        beat.run();   // the first at once, on the caller's thread: the caller hears of us before any reply
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(beat, RuntimeSubjects.HEARTBEAT_MILLIS,
                RuntimeSubjects.HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
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
}
