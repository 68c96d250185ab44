package fazt.scheduler.domain;

import fazt.proto.storage.BackupStartReply;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled backups (FAZT_BACKUP_CRON): at each tick of the cron expression (UTC, read like an app's cron schedule by
 * {@link ScheduleClock}) asks storage-svc to start a backup for that tick. Every scheduler instance asks; storage-svc
 * names the backup for the tick and records it under that name once, so one backup starts per tick however many
 * instances ask. A tick that cannot be asked for (storage-svc away, a timeout) is logged at WARN and not retried:
 * the next tick tries again. Ticks missed while no scheduler ran are skipped, like {@code catchup: skip}.
 */
public final class ScheduledBackups {
    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

    private final Schedule schedule;
    private final BackupStarter starter;
    private final Clock clock;
    private Instant next;

    /** {@code cron} as checked by {@link ScheduleClock#checkCron}. */
    public ScheduledBackups(String cron, BackupStarter starter, Clock clock) {
        this.schedule = new Schedule(
                "", "backup", ScheduleClock.checkCron(cron), "UTC", null, "skip", Instant.EPOCH, null, null);
        this.starter = starter;
        this.clock = clock;
        this.next = ScheduleClock.next(schedule, clock.instant());
    }

    /** When the next backup is due. */
    public Instant next() {
        return next;
    }

    /** Asks for the backup of the due tick, if one is due; returns storage-svc's answer, null when nothing was due. */
    public BackupStartReply tick() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return null;
        }
        Instant tick = ScheduleClock.due(schedule.withNextFire(next), now).tick();
        next = ScheduleClock.next(schedule, now);
        if (tick == null) {
            log.warn("scheduled backup skipped: its tick passed while this scheduler was busy next={}", next);
            return null;
        }
        try {
            BackupStartReply reply = starter.start(tick);
            if (reply.started()) {
                log.info("scheduled backup started name={} tick={} next={}", reply.name(), tick, next);
            } else if (BackupStartReply.RUNNING.equals(reply.reason())) {
                log.warn(
                        "scheduled backup not started tick={} reason=backup {} is still running next={}",
                        tick,
                        reply.name(),
                        next);
            } else {
                log.debug("scheduled backup of tick={} started by another instance name={}", tick, reply.name());
            }
            return reply;
        } catch (RuntimeException e) {
            log.warn("scheduled backup not started tick={} reason={} next={}", tick, e.getMessage(), next);
            return null;
        }
    }
}
