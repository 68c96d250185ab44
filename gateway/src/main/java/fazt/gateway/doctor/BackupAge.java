package fazt.gateway.doctor;

import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester;
import fazt.proto.gateway.DoctorCheck;
import fazt.proto.storage.BackupLatestReply;
import fazt.proto.storage.BackupLatestRequest;
import fazt.proto.storage.StorageSubjects;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The last backup's age, from storage-svc ({@code svc.storage.backup.latest}, ADR 39): a completed backup younger
 * than {@link #WARN_OVER} is OK; none yet, or an older one, is a WARN; a backup that failed after the last completed
 * one is a FAIL with its error, as is a storage-svc that does not answer. The same 26 hours as the alert
 * {@code FaztBackupTooOld}: a daily backup plus slack.
 */
final class BackupAge {
    static final Duration WARN_OVER = Duration.ofHours(26);
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String AREA = "backup";

    private BackupAge() {}

    static List<DoctorCheck> ask(NatsRequester nats, Instant now) {
        BackupLatestReply latest;
        try {
            latest = nats.call(
                    StorageSubjects.BACKUP_LATEST,
                    new BackupLatestRequest("gateway"),
                    BackupLatestReply.class,
                    TIMEOUT);
        } catch (CallFailure e) {
            return List.of(DoctorCheck.fail(
                    AREA,
                    "last backup",
                    "storage-svc did not say: " + e.getMessage(),
                    "check storage-svc (the service lines above), then run fazt doctor again"));
        }
        return List.of(of(latest, now));
    }

    static DoctorCheck of(BackupLatestReply latest, Instant now) {
        String running = latest.running() > 0 ? "; " + latest.running() + " under way" : "";
        if (latest.lastFailedAt() != null) {
            return DoctorCheck.fail(
                    AREA,
                    "last backup",
                    "backup " + latest.lastFailed() + " failed " + ago(latest.lastFailedAt(), now) + ": "
                            + latest.lastError() + running,
                    "fix what the error names (the target's space or rights), then run fazt backup create and check"
                            + " that it reaches done (docs/backups.md)");
        }
        if (latest.lastDoneAt() == null) {
            return DoctorCheck.warn(
                    AREA,
                    "last backup",
                    "no backup yet" + running,
                    "run fazt backup create, or set FAZT_BACKUP_CRON for scheduled backups; keep the master key apart"
                            + " (docs/backups.md)");
        }
        Duration age = Duration.between(latest.lastDoneAt(), now);
        String measured = "backup " + latest.lastDone() + " completed " + ago(latest.lastDoneAt(), now) + running;
        if (age.compareTo(WARN_OVER) > 0) {
            return DoctorCheck.warn(
                    AREA,
                    "last backup",
                    measured,
                    "no backup completed for over " + WARN_OVER.toHours() + " h: run fazt backup create, or set"
                            + " FAZT_BACKUP_CRON (docs/backups.md)");
        }
        return DoctorCheck.ok(AREA, "last backup", measured);
    }

    private static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return "just now";
        }
        if (d.toHours() >= 48) {
            return d.toDays() + " days ago";
        }
        if (d.toMinutes() >= 120) {
            return d.toHours() + " h ago";
        }
        return d.toMinutes() + " min ago";
    }
}
