package fazt.platform.nats.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A work-queue consumer against a real NATS server: jobs side by side, retries on request, an emptied queue, and a
 * stop that waits for a job in flight only until its deadline.
 */
class WorkConsumersIT extends ConsumerHarness {
    @Test
    void aWorkQueueRunsJobsSideBySideRetriesOnRequestAndEmptiesTheQueue() throws Exception {
        String subject = "work.scheduler.run";
        String stream = declareWorkStream(subject);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        List<String> done = new CopyOnWriteArrayList<>();
        start(new WorkConsumer<String>() {
            @Override
            public ConsumerSpec<String> spec() {
                return ConsumerSpec.workQueue("test-work", root -> stream, subject, String.class)
                        .inFlight(2);
            }

            @Override
            public Outcome handle(String job) throws Exception {
                int attempt = attempts.merge(job, 1, Integer::sum);
                if (attempt == 1) {
                    bothRunning.countDown();
                    if (!release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return Outcome.retryAfter(Duration.ofMillis(10));
                }
                done.add(job);
                return Outcome.done();
            }
        });

        nats.jetStream().publish(testNats.root().qualify(subject), "run_1".getBytes(StandardCharsets.UTF_8));
        nats.jetStream().publish(testNats.root().qualify(subject), "run_2".getBytes(StandardCharsets.UTF_8));

        assertThat(bothRunning.await(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("two jobs in flight at once")
                .isTrue();
        release.countDown();
        await("both done on their second attempt", () -> done.size() == 2);
        assertThat(done).containsExactlyInAnyOrder("run_1", "run_2");
        await(
                "the queue is empty",
                () -> jsm().getStreamInfo(stream).getStreamState().getMsgCount() == 0);
        assertThat(count("fazt.nats.consumer.failed", "test-work")).isZero();
    }

    @Test
    void stopWaitsForAJobInFlightOnlyUntilItsDeadline() throws Exception {
        String subject = "work.scheduler.run";
        String stream = declareWorkStream(subject);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunningConsumer worker = start(new WorkConsumer<String>() {
            @Override
            public ConsumerSpec<String> spec() {
                return ConsumerSpec.workQueue("test-work-stop", root -> stream, subject, String.class);
            }

            @Override
            public Outcome handle(String job) throws Exception {
                running.countDown();
                release.await();
                return Outcome.done();
            }
        });
        nats.jetStream().publish(testNats.root().qualify(subject), "run_1".getBytes(StandardCharsets.UTF_8));
        assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(Duration.ofMillis(100))).as("a job still runs").isFalse();
        release.countDown();
        await(
                "the job finished after the stop and was acknowledged",
                () -> jsm().getStreamInfo(stream).getStreamState().getMsgCount() == 0);
    }
}
