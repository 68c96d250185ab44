package fazt.scheduler;

import static fazt.scheduler.SchedulerFixture.json;
import static fazt.scheduler.SchedulerFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.RunFailed;
import fazt.proto.scheduler.SchedulerSubjects;
import io.nats.client.Dispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs that fail: a failing handler is retried with backoff, dead-lettered and replayed; a runtime dying mid-run
 * loses nothing; an attempt past its timeout fails.
 */
class SchedulerRetriesIT {
    @RegisterExtension
    static final SchedulerFixture scheduler = new SchedulerFixture();

    @Test
    void aFailingHandlerIsRetriedWithBackoffThenDeadLetteredAndAReplaySucceeds() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_failing", "failing", List.of(), 3, 200, 4));
        scheduler.waitForPolicy("failing");
        scheduler.behave("a_failing", RuntimeStandIn.Behaviour.status(503));
        List<RunFailed> deadLetters = new CopyOnWriteArrayList<>();
        Dispatcher listener = scheduler
                .nats()
                .createDispatcher(m -> deadLetters.add(MessageCodec.INSTANCE.decode(m.getData(), RunFailed.class)));
        listener.subscribe(scheduler.suite().nats().root().qualify(SchedulerSubjects.RUN_FAILED));
        RunAccepted accepted = scheduler.enqueue("a_failing", "failing", "/api/work?x=1", "{\"job\":1}");
        assertThat(accepted.status()).isEqualTo("queued");

        JsonNode failed = scheduler.waitForStatus(accepted.runId(), "failed");
        assertThat(failed.path("run").path("attempts").asInt()).isEqualTo(3);
        JsonNode attempts = failed.path("attempts");
        assertThat(attempts.size()).isEqualTo(3);
        for (JsonNode a : attempts) {
            assertThat(a.path("status").asText()).isEqualTo("failed");
            assertThat(a.path("httpStatus").asInt()).isEqualTo(503);
            assertThat(a.path("log").asText()).contains("handled https://failing.localhost/api/work?x=1");
        }
        waitFor(() -> deadLetters.stream().anyMatch(e -> e.runId().equals(accepted.runId())), Duration.ofSeconds(5));
        RunFailed dead = deadLetters.stream()
                .filter(e -> e.runId().equals(accepted.runId()))
                .findFirst()
                .orElseThrow();
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.error()).isEqualTo("the handler answered 503: status 503");
        scheduler.nats().closeDispatcher(listener);
        // Backoff: each retry waited at least its delay (200 ms base, doubling; BackoffTest pins the exact values).
        // Upper bounds would measure the machine's load, not the backoff: the gaps are printed instead.
        long gap1 = gap(attempts.get(0), attempts.get(1));
        long gap2 = gap(attempts.get(1), attempts.get(2));
        System.out.printf("retry gaps: %d ms, %d ms%n", gap1, gap2);
        assertThat(gap1).isGreaterThanOrEqualTo(200L);
        assertThat(gap2).isGreaterThanOrEqualTo(400L);
        assertThat(failed.path("payload").path("body").asText()).isEqualTo("{\"job\":1}");
        assertThat(failed.path("payload").path("headers").toString())
                .doesNotContain("Authorization")
                .doesNotContain("Bearer")
                .doesNotContain("keep-alive");

        // The fixed handler: a replay is a new run with the same payload, and succeeds.
        scheduler.behave("a_failing", RuntimeStandIn.Behaviour.ok());
        JsonNode replay = json(scheduler.admin("POST", "/runs/" + accepted.runId() + "/replay", Map.of(), null))
                .path("run");
        assertThat(replay.path("replayOf").asText()).isEqualTo(accepted.runId());
        JsonNode done = scheduler.waitForStatus(replay.path("id").asText(), "succeeded");
        assertThat(done.path("payload").path("url").asText()).isEqualTo("/api/work?x=1");
        assertThat(json(scheduler.admin("GET", "/apps/failing/runs", Map.of("status", List.of("failed")), null))
                        .path("runs")
                        .findValuesAsText("id"))
                .containsExactly(accepted.runId());
    }

    @Test
    void aRuntimeDyingMidRunLosesNothingTheRunCompletesOnRedelivery() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_dying", "dying", List.of(), 1, 1_000, 4));
        scheduler.waitForPolicy("dying");
        // Only a dying instance is up when the run arrives; a healthy one starts after it died.
        scheduler.stopRuntime();
        CountDownLatchBox died = new CountDownLatchBox();
        RuntimeStandIn dying = scheduler.startRuntime("rt-dying", r -> {
            died.open();
            return RuntimeStandIn.Behaviour.dies();
        });
        try {
            RunAccepted accepted = scheduler.enqueue("a_dying", "dying", "/api/long", "x");
            died.await();
            scheduler.restartRuntime("rt-2");
            JsonNode done = scheduler.waitForStatus(accepted.runId(), "succeeded");
            JsonNode attempts = done.path("attempts");
            assertThat(attempts.get(0).path("status").asText()).isEqualTo("lost");
            assertThat(attempts.get(0).path("counted").asBoolean()).isFalse();
            assertThat(attempts.get(0).path("instance").asText()).isEqualTo("rt-dying");
            assertThat(attempts.get(attempts.size() - 1).path("status").asText())
                    .isEqualTo("succeeded");
            // One attempt allowed, yet the lost one did not use it up.
            assertThat(done.path("run").path("attempts").asInt()).isEqualTo(1);
        } finally {
            dying.close();
        }
    }

    @Test
    void anAttemptPastItsTimeoutFails() throws Exception {
        scheduler
                .deploy()
                .deploy(new TriggersReply.AppTriggers(
                        "a_slow", "slow", 1, List.of(), 1, 1_000, 4, 1_000, List.of("**"), null, null, null));
        scheduler.waitForPolicy("slow");
        scheduler.behave("a_slow", RuntimeStandIn.Behaviour.slow(9_000));
        RunAccepted accepted = scheduler.enqueue("a_slow", "slow", "/api/slow", "");
        JsonNode failed = scheduler.waitForStatus(accepted.runId(), "failed");
        assertThat(failed.path("attempts").get(0).path("error").asText())
                .isEqualTo("no answer within the timeout of 1s");
        assertThat(scheduler.runtime().of("a_slow").getFirst().timeoutMillis()).isEqualTo(1_000);
    }

    private static long gap(JsonNode earlier, JsonNode later) {
        return Duration.between(
                        Instant.parse(earlier.path("endedAt").asText()),
                        Instant.parse(later.path("startedAt").asText()))
                .toMillis();
    }

    /** A one-shot latch. */
    private static final class CountDownLatchBox {
        private final CountDownLatch latch = new CountDownLatch(1);

        void open() {
            latch.countDown();
        }

        void await() throws InterruptedException {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
