package fazt.platform.service.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleHeapReleaseTest {
    private final AtomicLong collections = new AtomicLong(7);
    private final AtomicLong forced = new AtomicLong();
    private final IdleHeapRelease release = new IdleHeapRelease(collections::get, () -> {
        forced.incrementAndGet();
        collections.incrementAndGet(); // a forced collection is counted by the JVM like any other
    });

    @Test
    void checkShouldCollectWhenNothingCollectedSinceTheLastLook() {
        assertThat(release.check()).isTrue();
        assertThat(forced).hasValue(1);
    }

    @Test
    void checkShouldLeaveABusyProcessAlone() {
        collections.addAndGet(3); // the application's own collections: it is allocating, not idle
        assertThat(release.check()).isFalse();
        assertThat(forced).hasValue(0);
    }

    @Test
    void checkShouldNotCountItsOwnCollectionAsActivity() {
        release.check();
        assertThat(release.check()).isTrue();
        assertThat(forced).hasValue(2);
    }

    @Test
    void checkShouldCollectAgainOnceABusySpellIsOver() {
        collections.incrementAndGet();
        release.check();
        assertThat(release.check()).isTrue();
        assertThat(forced).hasValue(1);
    }

    @Test
    void intervalShouldTurnOffWithZero() {
        assertThat(IdleHeapRelease.interval(60)).contains(Duration.ofSeconds(60));
        assertThat(IdleHeapRelease.interval(0)).isEmpty();
    }
}
