package fazt.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleClockTest {
    private static Schedule cron(String expr, String tz, String catchup, String nextFire) {
        return new Schedule(
                "a_1", "s", expr, tz, null, catchup, nextFire == null ? null : Instant.parse(nextFire), null, null);
    }

    private static Schedule every(long millis, String catchup, String nextFire) {
        return new Schedule(
                "a_1", "s", null, null, millis, catchup, nextFire == null ? null : Instant.parse(nextFire), null, null);
    }

    @ParameterizedTest
    @CsvSource({
        "*/5 * * * *, UTC,           2026-11-21T10:02:30Z, 2026-11-21T10:05:00Z",
        "*/5 * * * *, UTC,           2026-11-21T10:05:00Z, 2026-11-21T10:10:00Z",
        "0 3 * * *,   Europe/Berlin, 2026-11-21T10:00:00Z, 2026-11-22T02:00:00Z",
        "0 3 * * *,   Europe/Berlin, 2026-07-01T10:00:00Z, 2026-07-02T01:00:00Z",
        "30 2 * * 1,  UTC,           2026-11-21T10:00:00Z, 2026-11-23T02:30:00Z"
    })
    void cronFiresAtItsNextTimeInItsZone(String expr, String tz, String after, String next) {
        assertThat(ScheduleClock.next(cron(expr, tz, "once", null), Instant.parse(after)))
                .isEqualTo(Instant.parse(next));
    }

    @Test
    void intervalsFallOnMultiplesSinceTheEpoch() {
        assertThat(ScheduleClock.next(every(2_000, "once", null), Instant.parse("2026-11-21T10:00:01.500Z")))
                .isEqualTo(Instant.parse("2026-11-21T10:00:02Z"));
        assertThat(ScheduleClock.next(every(3_600_000, "once", null), Instant.parse("2026-11-21T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    }

    @Test
    void aTickFoundOnTimeFiresItselfAndWaitsForTheNext() {
        ScheduleClock.Firing f = ScheduleClock.due(
                every(2_000, "skip", "2026-11-21T10:00:02Z"), Instant.parse("2026-11-21T10:00:02.200Z"));
        assertThat(f.tick()).isEqualTo(Instant.parse("2026-11-21T10:00:02Z"));
        assertThat(f.nextFire()).isEqualTo(Instant.parse("2026-11-21T10:00:04Z"));
    }

    @Test
    void missedTicksFireOnceForTheLatestWithCatchupOnce() {
        ScheduleClock.Firing f = ScheduleClock.due(
                cron("*/5 * * * *", "UTC", "once", "2026-11-21T08:00:00Z"), Instant.parse("2026-11-21T10:07:00Z"));
        assertThat(f.tick()).isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
        assertThat(f.nextFire()).isEqualTo(Instant.parse("2026-11-21T10:10:00Z"));

        ScheduleClock.Firing i =
                ScheduleClock.due(every(60_000, "once", "2026-11-20T00:00:00Z"), Instant.parse("2026-11-21T10:07:30Z"));
        assertThat(i.tick()).isEqualTo(Instant.parse("2026-11-21T10:07:00Z"));
        assertThat(i.nextFire()).isEqualTo(Instant.parse("2026-11-21T10:08:00Z"));
    }

    @Test
    void missedTicksAreDroppedWithCatchupSkip() {
        ScheduleClock.Firing f = ScheduleClock.due(
                cron("*/5 * * * *", "UTC", "skip", "2026-11-21T08:00:00Z"), Instant.parse("2026-11-21T10:07:00Z"));
        assertThat(f.tick()).isNull();
        assertThat(f.nextFire()).isEqualTo(Instant.parse("2026-11-21T10:10:00Z"));
        // Within the grace a late tick is not missed.
        assertThat(ScheduleClock.due(
                                cron("*/5 * * * *", "UTC", "skip", "2026-11-21T10:05:00Z"),
                                Instant.parse("2026-11-21T10:05:09Z"))
                        .tick())
                .isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
    }
}
