package fazt.platform.service.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleHeapReleaseTest {
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private final AtomicLong collections = new AtomicLong(7);
    private final AtomicLong forced = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final IdleHeapRelease release = new IdleHeapRelease(
            collections::get,
            () -> {
                forced.incrementAndGet();
                collections.incrementAndGet(); // a forced collection is counted by the JVM like any other
            },
            clock::get,
            INTERVAL);

    private void after(Duration elapsed) {
        clock.addAndGet(elapsed.toNanos());
    }

    @Test
    void checkShouldCollectOnceNothingCollectedForAWholeInterval() {
        after(INTERVAL.minusSeconds(1));
        assertThat(release.check()).isFalse();
        after(Duration.ofSeconds(1));
        assertThat(release.check()).isTrue();
        assertThat(forced).hasValue(1);
    }

    @Test
    void checkShouldLeaveABusyProcessAlone() {
        after(INTERVAL.multipliedBy(2));
        collections.addAndGet(3); // the application's own collections: it is allocating, not idle
        assertThat(release.check()).isFalse();
        assertThat(forced).hasValue(0);
    }

    @Test
    void checkShouldCountTheIntervalFromTheLastCollectionSeen() {
        after(INTERVAL.minusSeconds(6));
        collections.incrementAndGet(); // the load's last collection, seen at this look
        assertThat(release.check()).isFalse();
        after(INTERVAL.minusSeconds(1));
        assertThat(release.check()).isFalse();
        after(Duration.ofSeconds(1));
        assertThat(release.check()).isTrue();
        assertThat(forced).hasValue(1);
    }

    @Test
    void checkShouldNotCountItsOwnCollectionAsActivityButWaitAnIntervalAfterIt() {
        after(INTERVAL);
        assertThat(release.check()).isTrue();
        after(Duration.ofSeconds(6));
        assertThat(release.check()).isFalse();
        after(INTERVAL);
        assertThat(release.check()).isTrue();
        assertThat(forced).hasValue(2);
    }

    @Test
    void tickShouldBeATenthOfTheIntervalAndAtLeastASecond() {
        assertThat(IdleHeapRelease.tick(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(6));
        assertThat(IdleHeapRelease.tick(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(30));
        assertThat(IdleHeapRelease.tick(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void intervalShouldTurnOffWithZero() {
        assertThat(IdleHeapRelease.interval(60)).contains(Duration.ofSeconds(60));
        assertThat(IdleHeapRelease.interval(0)).isEmpty();
    }
}
