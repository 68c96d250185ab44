package fazt.platform.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The three shapes of {@link BackgroundLoop} on real virtual threads; every wait has a deadline, none is timed. */
class BackgroundLoopTest {
    private static final long DEADLINE_S = 10;

    @Test
    void everyRunsRoundsOnANamedThreadAndGoesOnAfterAFailingRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        CountDownLatch three = new CountDownLatch(3);
        BackgroundLoop loop = BackgroundLoop.every("test-every", Duration.ofMillis(10), () -> {
            thread.set(Thread.currentThread().getName());
            three.countDown();
            if (rounds.incrementAndGet() == 1) {
                throw new IllegalStateException("first round fails");
            }
        });
        try {
            assertThat(three.await(DEADLINE_S, TimeUnit.SECONDS))
                    .as("rounds after a failing one")
                    .isTrue();
            assertThat(thread.get()).isEqualTo("test-every");
            assertThat(loop.running()).isTrue();
        } finally {
            assertThat(loop.stop(Duration.ofSeconds(DEADLINE_S))).isTrue();
        }
        assertThat(loop.running()).isFalse();
    }

    @Test
    void untilDoneRetriesAFailingAttemptAndEndsWhenItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        BackgroundLoop loop = BackgroundLoop.untilDone("test-until-done", Duration.ofMillis(10), () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            done.countDown();
        });
        assertThat(done.await(DEADLINE_S, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (loop.running() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(loop.running()).as("ended after the success").isFalse();
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void foreverStartsABodyAgainThatEndedOnItsOwn() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        CountDownLatch parked = new CountDownLatch(1);
        BackgroundLoop loop = BackgroundLoop.forever("test-forever", () -> {
            twice.countDown();
            if (starts.incrementAndGet() == 1) {
                return; // ends unexpectedly: restarted after a pause
            }
            parked.countDown();
            Thread.sleep(Duration.ofHours(1)); // runs until stopped
        });
        assertThat(twice.await(DEADLINE_S, TimeUnit.SECONDS)).isTrue();
        assertThat(parked.await(DEADLINE_S, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.stop(Duration.ofSeconds(DEADLINE_S)))
                .as("the interrupt ends the sleeping body")
                .isTrue();
        assertThat(starts.get()).isEqualTo(2);
    }

    @Test
    void stopEndsALoopWaitingForItsFirstRound() {
        AtomicInteger rounds = new AtomicInteger();
        BackgroundLoop loop = BackgroundLoop.every("test-idle", Duration.ofHours(1), rounds::incrementAndGet);
        assertThat(loop.stop(Duration.ofSeconds(DEADLINE_S))).isTrue();
        assertThat(rounds.get()).isZero();
    }

    @Test
    void backoffDoublesUpToTheLongestPause() {
        assertThat(BackgroundLoop.backoff(Duration.ofSeconds(1), 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BackgroundLoop.backoff(Duration.ofSeconds(1), 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(BackgroundLoop.backoff(Duration.ofSeconds(1), 50)).isEqualTo(BackgroundLoop.MAX_PAUSE);
        assertThat(BackgroundLoop.backoff(Duration.ofMinutes(1), 5)).isEqualTo(Duration.ofMinutes(1));
    }
}
