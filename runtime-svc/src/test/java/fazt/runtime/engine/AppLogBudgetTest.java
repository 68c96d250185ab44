package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-app log budget: a flood is cut at the budget, other apps keep theirs, the drop is announced and counted. */
class AppLogBudgetTest {
    private Instant now = Instant.parse("2026-05-01T12:00:00Z");
    private final AppLogBudget budget = new AppLogBudget(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aFloodingAppIsCutAtItsBudgetAndTheCountFollowsInTheNextWindow() {
        int line = 8 * 1024;
        long perWindow = AppLogBudget.BYTES_PER_MINUTE / (line + AppLogBudget.LINE_OVERHEAD);
        int kept = 0;
        int announced = 0;
        for (int i = 0; i < 1000; i++) {
            AppLogBudget.Admission admission = budget.admit("flood", line);
            kept += admission.keep() ? 1 : 0;
            announced += admission.firstDrop() ? 1 : 0;
            assertThat(admission.droppedBefore()).isZero();
        }
        assertThat(kept).isEqualTo((int) perWindow);
        assertThat(announced).isEqualTo(1);

        AppLogBudget.Admission quiet = budget.admit("quiet", 100);
        assertThat(quiet.keep()).isTrue();
        assertThat(quiet.firstDrop()).isFalse();

        now = now.plus(Duration.ofSeconds(59));
        assertThat(budget.admit("flood", line).keep()).isFalse();
        now = now.plus(Duration.ofSeconds(1));
        AppLogBudget.Admission next = budget.admit("flood", 10);
        assertThat(next.keep()).isTrue();
        assertThat(next.droppedBefore()).isEqualTo(1000 - perWindow + 1);
        assertThat(budget.admit("flood", 10).droppedBefore()).isZero();
    }
}
