package fazt.scheduler.messaging;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.scheduler.domain.BackupStarter;
import fazt.scheduler.domain.ScheduledBackups;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled backups' clock, only when FAZT_BACKUP_CRON is set: every {@link #ROUND} asks {@link ScheduledBackups}
 * whether a tick is due. A loop of its own, so a slow answer from storage-svc never delays app schedules.
 */
@Singleton
@Requires(property = BackupTickLoop.PROPERTY)
final class BackupTickLoop implements BackgroundWork {
    static final String PROPERTY = "scheduler.backup-cron";
    static final Duration ROUND = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(BackupTickLoop.class);

    private final ScheduledBackups backups;

    BackupTickLoop(@Value("${" + PROPERTY + "}") String cron, BackupStarter starter, Clock clock) {
        this.backups = new ScheduledBackups(cron, starter, clock);
    }

    @Override
    public BackgroundLoop start() {
        log.info("scheduled backups on next={}", backups.next());
        return BackgroundLoop.every("scheduler-backup", ROUND, backups::tick);
    }
}
