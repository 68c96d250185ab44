package fazt.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.gateway.DoctorCheck;
import fazt.proto.storage.BackupLatestReply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupAgeTest {
    static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");

    @Test
    void aBackupCompletedWithinADayIsOk() {
        DoctorCheck check = BackupAge.of(done(Duration.ofHours(3)), NOW);
        assertThat(check.status()).isEqualTo(DoctorCheck.OK);
        assertThat(check.measured()).isEqualTo("backup fazt-backup-a completed 3 h ago");
    }

    @Test
    void noBackupYetIsAWarnThatSaysHowToMakeOne() {
        DoctorCheck check = BackupAge.of(new BackupLatestReply(null, null, null, null, null, 1), NOW);
        assertThat(check.status()).isEqualTo(DoctorCheck.WARN);
        assertThat(check.measured()).isEqualTo("no backup yet; 1 under way");
        assertThat(check.advice()).contains("fazt backup create").contains("FAZT_BACKUP_CRON");
    }

    @Test
    void aLastBackupOlderThanTheAlertsThresholdIsAWarn() {
        assertThat(BackupAge.of(done(Duration.ofHours(25)), NOW).status()).isEqualTo(DoctorCheck.OK);
        DoctorCheck old = BackupAge.of(done(Duration.ofDays(3)), NOW);
        assertThat(old.status()).isEqualTo(DoctorCheck.WARN);
        assertThat(old.measured()).isEqualTo("backup fazt-backup-a completed 3 days ago");
    }

    @Test
    void aBackupThatFailedAfterTheLastGoodOneIsAFailWithItsError() {
        BackupLatestReply latest = new BackupLatestReply(
                "fazt-backup-a",
                NOW.minus(Duration.ofHours(30)),
                "fazt-backup-b",
                NOW.minus(Duration.ofHours(5)),
                "no space left on /var/lib/fazt/backups",
                0);
        DoctorCheck check = BackupAge.of(latest, NOW);
        assertThat(check.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(check.measured())
                .isEqualTo("backup fazt-backup-b failed 5 h ago: no space left on /var/lib/fazt/backups");
    }

    private static BackupLatestReply done(Duration ago) {
        return new BackupLatestReply("fazt-backup-a", NOW.minus(ago), null, null, null, 0);
    }
}
