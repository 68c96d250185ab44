package fazt.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFullBucketLetsTheBurstThroughThenRefillsAtTheRate() {
        TokenBucket bucket = TokenBucket.full(3, T0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.hasToken()).isTrue();
            bucket = bucket.take();
        }
        assertThat(bucket.hasToken()).isFalse();
        assertThat(bucket.secondsUntilToken(60)).isEqualTo(1);
        assertThat(bucket.secondsUntilToken(1)).isEqualTo(60);

        TokenBucket later = bucket.refill(T0.plusMillis(500), 60, 3);
        assertThat(later.hasToken()).isFalse();
        assertThat(later.secondsUntilToken(60)).isEqualTo(1);
        assertThat(bucket.refill(T0.plusSeconds(1), 60, 3).hasToken()).isTrue();
        assertThat(bucket.refill(T0.plusSeconds(3600), 60, 3).tokens()).isEqualTo(3);
    }

    @Test
    void aClockThatWentBackAddsNothing() {
        TokenBucket empty = new TokenBucket(0, T0);
        TokenBucket back = empty.refill(T0.minusSeconds(30), 60, 10);
        assertThat(back.tokens()).isZero();
        assertThat(back.at()).isEqualTo(T0);
    }
}
