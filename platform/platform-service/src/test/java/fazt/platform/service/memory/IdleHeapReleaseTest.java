package fazt.platform.service.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.SettingsException;
import java.time.Duration;
import java.util.Map;
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
    void intervalShouldDefaultToFiveMinutesAndTurnOffWithZero() {
        assertThat(IdleHeapRelease.interval(Map.of())).contains(Duration.ofMinutes(5));
        assertThat(IdleHeapRelease.interval(Map.of("FAZT_IDLE_GC_SECONDS", " 60 ")))
                .contains(Duration.ofSeconds(60));
        assertThat(IdleHeapRelease.interval(Map.of("FAZT_IDLE_GC_SECONDS", "0")))
                .isEmpty();
    }

    @Test
    void intervalShouldRejectWhatIsNotACountOfSeconds() {
        for (String bad : new String[] {"-1", "5m", "86401"}) {
            assertThatThrownBy(() -> IdleHeapRelease.interval(Map.of("FAZT_IDLE_GC_SECONDS", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("FAZT_IDLE_GC_SECONDS: expected seconds from 0 to 86400, got \"" + bad + "\"");
        }
    }
}
