package fazt.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.storage.BackupStartReply;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When scheduled backups ask storage-svc, and that a failed ask waits for the next tick. */
class ScheduledBackupsTest {
    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(String now) {
            this.now = Instant.parse(now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock("2026-12-08T02:59:30Z");
    private final List<Instant> asked = new ArrayList<>();
    private RuntimeException failure;

    private final BackupStarter starter = tick -> {
        asked.add(tick);
        if (failure != null) {
            throw failure;
        }
        return new BackupStartReply("fazt-backup-" + tick, true, null);
    };

    @Test
    void asksOncePerTickInUtcAndNotBefore() {
        ScheduledBackups backups = new ScheduledBackups("0 3 * * *", starter, clock);
        assertThat(backups.next()).isEqualTo(Instant.parse("2026-12-08T03:00:00Z"));
        assertThat(backups.tick()).isNull();
        clock.now = Instant.parse("2026-12-08T03:00:00.400Z");
        assertThat(backups.tick().started()).isTrue();
        assertThat(backups.tick()).isNull();
        clock.now = Instant.parse("2026-12-08T03:00:59Z");
        assertThat(backups.tick()).isNull();
        assertThat(asked).containsExactly(Instant.parse("2026-12-08T03:00:00Z"));
        assertThat(backups.next()).isEqualTo(Instant.parse("2026-12-09T03:00:00Z"));
    }

    @Test
    void aFailedAskIsNotRetriedUntilTheNextTick() {
        ScheduledBackups backups = new ScheduledBackups("*/5 * * * *", starter, clock);
        failure = new IllegalStateException("no answer from svc.storage.backup.start within PT10S");
        clock.now = Instant.parse("2026-12-08T03:00:01Z");
        assertThat(backups.tick()).isNull();
        for (int i = 0; i < 10; i++) {
            clock.now = clock.now.plusSeconds(1);
            assertThat(backups.tick()).isNull();
        }
        assertThat(asked).hasSize(1);
        failure = null;
        clock.now = Instant.parse("2026-12-08T03:05:00.200Z");
        assertThat(backups.tick().started()).isTrue();
        assertThat(asked).containsExactly(Instant.parse("2026-12-08T03:00:00Z"), Instant.parse("2026-12-08T03:05:00Z"));
    }

    @Test
    void aTickFoundLongAfterItsTimeIsSkippedNotCaughtUp() {
        ScheduledBackups backups = new ScheduledBackups("0 * * * *", starter, clock);
        clock.now = Instant.parse("2026-12-08T05:30:00Z");
        assertThat(backups.tick()).isNull();
        assertThat(asked).isEmpty();
        assertThat(backups.next()).isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
    }
}
