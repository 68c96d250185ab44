package fazt.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.runtime.InvocationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationStatsTest {
    @Test
    void percentilesUseTheNearestRank() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertThat(InvocationStats.percentile(hundred, 50)).isEqualTo(50);
        assertThat(InvocationStats.percentile(hundred, 95)).isEqualTo(95);
        assertThat(InvocationStats.percentile(new long[] {7}, 50)).isEqualTo(7);
        assertThat(InvocationStats.percentile(new long[] {7}, 95)).isEqualTo(7);
        assertThat(InvocationStats.percentile(new long[] {1, 2, 3}, 50)).isEqualTo(2);
        assertThat(InvocationStats.percentile(new long[] {1, 1000}, 95)).isEqualTo(1000);
        assertThat(InvocationStats.percentile(new long[0], 50)).isNull();
    }

    @Test
    void countsErrorsFromFiveHundredAndColdStarts() {
        List<InvocationRecord> records = new ArrayList<>();
        records.add(record(200, 30, true));
        records.add(record(404, 10, false));
        records.add(record(500, 20, false));
        records.add(record(504, 40, true));
        records.add(record(302, 5, false));
        InvocationStats stats = InvocationStats.of(records);
        assertThat(stats).isEqualTo(new InvocationStats(5, 2, 2, 20L, 40L));
    }

    @Test
    void noRecordsGiveZeroCountsAndNoPercentiles() {
        assertThat(InvocationStats.of(List.of())).isEqualTo(new InvocationStats(0, 0, 0, null, null));
    }

    @Test
    void aSampleIsScaledToTheWholeWindowKeepingItsPercentiles() {
        InvocationStats sample = new InvocationStats(50, 5, 10, 12L, 80L);
        assertThat(sample.scaledTo(200)).isEqualTo(new InvocationStats(200, 20, 40, 12L, 80L));
        assertThat(sample.scaledTo(50)).isEqualTo(sample);
    }

    private static InvocationRecord record(int status, long ms, boolean cold) {
        return new InvocationRecord("a_x", "r", Instant.EPOCH, "http", "GET", "/api", status, ms, cold, "i", null);
    }
}
