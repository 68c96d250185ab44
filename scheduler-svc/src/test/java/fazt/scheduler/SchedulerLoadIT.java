package fazt.scheduler;

import static fazt.scheduler.SchedulerFixture.json;
import static fazt.scheduler.SchedulerFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.MessageCodec;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.runtime.InvokeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many runs at once over two scheduler instances: an app's concurrency limit holds across them, and figures for
 * async throughput and tick latency.
 */
class SchedulerLoadIT {
    @RegisterExtension
    static final SchedulerFixture scheduler =
            new SchedulerFixture().observingInvocations(SchedulerLoadIT::countConcurrent);

    static final AtomicInteger running = new AtomicInteger();
    static final AtomicInteger maxRunning = new AtomicInteger();

    /** Invocations of {@code a_concurrency} take 400 ms; counts how many overlap. */
    private static void countConcurrent(InvokeRequest request) {
        if (request.appId().equals("a_concurrency")) {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        }
    }

    @Test
    void theConcurrencyLimitHoldsAcrossInstances() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_concurrency", "concurrency", List.of(), 3, 1_000, 1));
        scheduler.waitForPolicy("concurrency");
        assertThat(json(scheduler.admin("GET", "/apps/concurrency/schedules", Map.of(), null))
                        .path("policy")
                        .path("concurrency")
                        .asInt())
                .isEqualTo(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(scheduler
                    .enqueue("a_concurrency", "concurrency", "/api/n" + i, "")
                    .runId());
        }
        for (String id : ids) {
            scheduler.waitForStatus(id, "succeeded");
        }
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    /** Figures for the report, not assertions: async runs end to end, and tick latency. */
    @Test
    void measureThroughputAndTickLatency() throws Exception {
        // The highest intake limits fazt.json allows: the measure is of the queue, not of the rate limit.
        scheduler
                .deploy()
                .deploy(new TriggersReply.AppTriggers(
                        "a_bulk", "bulk", 1, List.of(), 3, 1_000, 100, 5_000, List.of("**"), 6_000, 1_000, 1L << 30));
        scheduler.waitForPolicy("bulk");
        int n = 200;
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(scheduler.enqueue("a_bulk", "bulk", "/api/n", "{}").runId());
        }
        long enqueued = System.nanoTime();
        waitFor(() -> scheduler.runtime().of("a_bulk").size() >= n, Duration.ofSeconds(60));
        for (String id : ids) {
            scheduler.waitForStatus(id, "succeeded");
        }
        long done = System.nanoTime();
        System.out.printf(
                "MEASURE async: %d runs enqueued in %d ms (%.1f ms each), all succeeded after %d ms (%.0f runs/s)%n",
                n,
                (enqueued - start) / 1_000_000,
                (enqueued - start) / 1e6 / n,
                (done - start) / 1_000_000,
                n / ((done - start) / 1e9));

        List<Long> ticks = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        RuntimeStandIn timing = scheduler.runtime();
        scheduler
                .deploy()
                .deploy(SchedulerFixture.app(
                        "a_lag",
                        "lag",
                        List.of(new TriggersReply.Schedule("tick", null, null, 1_000L, "once")),
                        3,
                        1_000,
                        4));
        waitFor(() -> timing.of("a_lag").size() >= 6, Duration.ofSeconds(20));
        scheduler.deploy().delete("a_lag");
        for (InvokeRequest call : timing.of("a_lag")) {
            long t = MessageCodec.INSTANCE
                    .mapper()
                    .readTree(call.body())
                    .path("scheduledTime")
                    .asLong();
            ticks.add(t);
            lags.add(timing.arrived.get(call.requestId()) - t);
        }
        Collections.sort(lags);
        System.out.printf(
                "MEASURE ticks: %d fired, tick-to-runtime latency min %d ms, median %d ms, max %d ms%n",
                ticks.size(), lags.getFirst(), lags.get(lags.size() / 2), lags.getLast());
        assertThat(new HashSet<>(ticks)).hasSameSizeAs(ticks);
    }
}
