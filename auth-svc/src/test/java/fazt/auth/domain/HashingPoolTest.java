package fazt.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HashingPoolTest {
    private static final long MIB = 1024L * 1024L;

    @Test
    void aFullPoolRefusesAtOnceWithoutHashingAndHashingResumesWhenASlotFrees() throws Exception {
        HashingPool pool = new HashingPool(new PasswordHasher(), 2);
        String hash = pool.hash("correct horse battery");
        long runs = pool.runs();
        try (FullHashingPool ignored = FullHashingPool.fill(pool)) {
            long held = pool.runs();
            assertThat(held).isEqualTo(runs + 2);
            assertThatThrownBy(() -> pool.matches("correct horse battery", hash))
                    .isInstanceOfSatisfying(AuthException.Busy.class, busy -> assertThat(busy.retryAfter())
                            .isEqualTo(Duration.ofSeconds(1)));
            assertThatThrownBy(() -> pool.hash("another password")).isInstanceOf(AuthException.Busy.class);
            assertThat(pool.runs()).as("refusals run no hash").isEqualTo(held);
        }
        assertThat(pool.matches("correct horse battery", hash)).isTrue();
        assertThat(pool.matches("wrong horse battery", hash)).isFalse();
    }

    @Test
    void theUnmatchableHashCostsAsMuchToCheckAsARealOneAndMatchesNothing() {
        HashingPool pool = new HashingPool(new PasswordHasher(), 1);
        String dummy = pool.unmatchable();
        assertThat(pool.runs()).as("making it runs no argon2").isZero();
        assertThat(dummy).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(pool.matches("", dummy)).isFalse();
        assertThat(pool.matches("anything at all", dummy)).isFalse();
    }

    @Test
    void theDefaultConcurrencyLetsHashesTakeHalfTheHeapAtMostOneACore() {
        assertThat(HashingPool.defaultConcurrency(64 * MIB, 2))
                .as("a 64 MB service heap")
                .isEqualTo(1);
        assertThat(HashingPool.defaultConcurrency(16 * MIB, 8)).as("never zero").isEqualTo(1);
        assertThat(HashingPool.defaultConcurrency(128 * MIB, 8)).isEqualTo(3);
        assertThat(HashingPool.defaultConcurrency(320 * MIB, 2))
                .as("one JVM with the runtime, two cores")
                .isEqualTo(2);
        assertThat(HashingPool.defaultConcurrency(4096 * MIB, 16)).isEqualTo(16);
        assertThat(HashingPool.defaultConcurrency(4096 * MIB, 0)).isEqualTo(1);
    }

    @Test
    void aPoolNeedsAtLeastOneSlot() {
        assertThatThrownBy(() -> new HashingPool(new PasswordHasher(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
