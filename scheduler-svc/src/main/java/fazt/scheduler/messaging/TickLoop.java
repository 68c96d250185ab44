package fazt.scheduler.messaging;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.scheduler.domain.Enqueuer;
import fazt.scheduler.domain.FireSchedules;
import fazt.scheduler.domain.Runs;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's clock: every {@link #TICK} fires due schedules; every {@link Enqueuer#STRAGGLER_AGE} queues runs whose
 * queueing was not confirmed; every hour deletes finished runs older than the retention
 * ({@code FAZT_RUN_RETENTION_DAYS}, default {@value fazt.scheduler.SchedulerService#DEFAULT_RETENTION_DAYS} days).
 * Every instance runs it; the database decides who fires what (ADR 0011). A failed tick is logged by the loop and
 * the next one comes at its time.
 */
@Singleton
final class TickLoop implements BackgroundWork {
    static final Duration TICK = Duration.ofMillis(250);
    static final Duration SWEEP = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(TickLoop.class);

    private final FireSchedules fire;
    private final Enqueuer enqueuer;
    private final Runs runs;
    private final Clock clock;
    private final int retentionDays;
    private Instant lastStragglers = Instant.EPOCH;
    private Instant lastSweep = Instant.EPOCH;

    TickLoop(
            FireSchedules fire,
            Enqueuer enqueuer,
            Runs runs,
            Clock clock,
            @Value("${scheduler.retention-days}") int retentionDays) {
        this.fire = fire;
        this.enqueuer = enqueuer;
        this.runs = runs;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("scheduler-tick", TICK, this::tick);
    }

    /** One tick; runs on the loop's thread only. */
    private void tick() {
        fire.tick();
        Instant now = clock.instant();
        if (Duration.between(lastStragglers, now).compareTo(Enqueuer.STRAGGLER_AGE) >= 0) {
            lastStragglers = now;
            enqueuer.requeueStragglers();
        }
        if (Duration.between(lastSweep, now).compareTo(SWEEP) >= 0) {
            lastSweep = now;
            int deleted = runs.deleteFinishedBefore(now.minus(Duration.ofDays(retentionDays)));
            if (deleted > 0) {
                log.info("old runs deleted count={} retentionDays={}", deleted, retentionDays);
            }
        }
    }
}
