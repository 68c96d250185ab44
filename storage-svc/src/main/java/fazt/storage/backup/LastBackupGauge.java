package fazt.storage.backup;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.proto.storage.BackupLatestReply;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code fazt_storage_backup_last_success_timestamp_seconds} (ADR 41): when the newest completed backup finished, in
 * Unix seconds, read from {@code backup_run} every {@link #EVERY} on a background loop; 0 while there is none, so
 * the alert {@code FaztBackupTooOld} also fires for an installation that was never backed up.
 */
@Singleton
final class LastBackupGauge implements BackgroundWork {
    static final Duration EVERY = Duration.ofSeconds(30);

    private final BackupRuns runs;
    private final AtomicLong lastSuccess = new AtomicLong();

    LastBackupGauge(BackupRuns runs, MeterRegistry metrics) {
        this.runs = runs;
        Gauge.builder("fazt.storage.backup.last.success.timestamp", lastSuccess, AtomicLong::get)
                .description("Unix time the newest completed backup finished (0: none yet)")
                .baseUnit("seconds")
                .register(metrics);
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("last-backup", EVERY, this::read);
    }

    private void read() {
        BackupLatestReply latest = runs.latest();
        lastSuccess.set(latest.lastDoneAt() == null ? 0 : latest.lastDoneAt().getEpochSecond());
    }
}
