package fazt.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    @ParameterizedTest
    @CsvSource({
        // failed, base, random, delay
        "1, 1000, 0.0, 1000",
        "1, 1000, 0.999, 1499",
        "2, 1000, 0.0, 2000",
        "3, 1000, 0.5, 5000",
        "4, 500, 0.0, 4000",
        "13, 1000, 0.0, 3600000",
        "40, 1000, 0.9, 3600000"
    })
    void doublesFromTheBaseWithUpToHalfAgainOfJitterAndACap(int failed, long base, double random, long delay) {
        assertThat(Backoff.delayMillis(failed, base, random)).isEqualTo(delay);
    }

    @Test
    void jitterSpreadsRetries() {
        long low = Backoff.delayMillis(2, 1000, 0.1);
        long high = Backoff.delayMillis(2, 1000, 0.9);
        assertThat(high - low).isEqualTo(800);
    }

    @Test
    void attemptsCountFromOne() {
        assertThatThrownBy(() -> Backoff.delayMillis(0, 1000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
