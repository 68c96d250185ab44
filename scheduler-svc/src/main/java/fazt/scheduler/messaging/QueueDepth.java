package fazt.scheduler.messaging;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.scheduler.SchedulerSubjects;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code fazt_scheduler_queue_depth}: the runs waiting in the work-queue stream {@code <ROOT>_WORK_SCHEDULER} for an
 * attempt (ADR 41), read from JetStream every {@link #EVERY} on a background loop, so a scrape never waits on NATS.
 * Every instance reports the same stream: take {@code max}, not {@code sum}, across instances.
 */
@Singleton
final class QueueDepth implements BackgroundWork {
    static final Duration EVERY = Duration.ofSeconds(15);

    private final Connection nats;
    private final String stream;
    private final AtomicLong depth = new AtomicLong();

    QueueDepth(Connection nats, BootstrapSettings settings, MeterRegistry metrics) {
        this.nats = nats;
        this.stream = SchedulerSubjects.workStream(settings.root());
        Gauge.builder("fazt.scheduler.queue.depth", depth, AtomicLong::get)
                .description("Runs waiting in the scheduler's work queue for an attempt")
                .register(metrics);
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("scheduler-queue-depth", EVERY, this::read);
    }

    private void read() {
        try {
            depth.set(nats.jetStreamManagement()
                    .getStreamInfo(stream)
                    .getStreamState()
                    .getMsgCount());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the work queue's depth: " + e.getMessage(), e);
        }
    }
}
