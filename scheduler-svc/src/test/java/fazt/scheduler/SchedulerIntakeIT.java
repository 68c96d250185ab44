package fazt.scheduler;

import static fazt.platform.service.testing.RemoteCall.problemOf;
import static fazt.scheduler.SchedulerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.ServiceName;
import fazt.proto.problem.Problem;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.Runs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What anyone may make the scheduler store, across its two instances: async requests only for the paths an app
 * declares (anything else is not found and leaves no run), and async requests and webhook deliveries together only
 * within the app's rate limit ({@code 429} with a retry delay) and stored-payload cap ({@code 507}).
 */
class SchedulerIntakeIT {
    @RegisterExtension
    static final SchedulerFixture scheduler = new SchedulerFixture();

    private static final String TYPES = Problem.TYPE_BASE + "scheduler/";

    private static JsonNode runsOf(String name) {
        return json(scheduler.admin("GET", "/apps/" + name + "/runs", Map.of(), null))
                .path("runs");
    }

    private static JsonNode intakeOf(String name) {
        return json(scheduler.admin("GET", "/apps/" + name + "/schedules", Map.of(), null))
                .path("intake");
    }

    @Test
    void onlyDeclaredPathsAreQueuedAndAnythingElseIsNotFoundAndStoresNothing() throws Exception {
        scheduler
                .deploy()
                .deploy(SchedulerFixture.withIntake(
                        "a_declared", "declared", List.of("resize", "jobs/*", "batch/**"), null, null, null));
        // No wait for the deploy event: a request that comes first reads the declaration from deploy-svc.
        String resize = scheduler
                .enqueue("a_declared", "declared", "/api/resize?size=2", "{}")
                .runId();
        String job =
                scheduler.enqueue("a_declared", "declared", "/api/jobs/7", "{}").runId();
        String batch = scheduler
                .enqueue("a_declared", "declared", "/api/batch/a/b", "{}")
                .runId();
        String spelled = scheduler
                .enqueue("a_declared", "declared", "/api/%72esize", "{}")
                .runId();

        for (String path : List.of(
                "/api/other",
                "/api/resize/x",
                "/api/jobs/7/8",
                "/api/jobs",
                "/api/batch",
                "/api/jobs/..",
                "/api/jobs/%2e%2e",
                "/api/resize/../secret",
                "/api/jobs/a%2Fb",
                "/api//resize",
                "/api/",
                "/api/%zz")) {
            Problem missing = problemOf(() -> scheduler.enqueue("a_declared", "declared", path, "{\"x\":1}"));
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.type()).as(path).isEqualTo(TYPES + "async-not-declared");
        }
        // Undeclared is checked first: a large body gets the same answer as any other.
        assertThat(problemOf(() -> scheduler.enqueue(
                                "a_declared", "declared", "/api/other", "x".repeat(SchedulerSubjects.MAX_PAYLOAD + 1)))
                        .status())
                .isEqualTo(404);

        scheduler.deploy().deploy(SchedulerFixture.withIntake("a_silent", "silent", List.of(), null, null, null));
        assertThat(problemOf(() -> scheduler.enqueue("a_silent", "silent", "/api/resize", "{}"))
                        .status())
                .isEqualTo(404);
        assertThat(problemOf(() -> scheduler.enqueue("a_unknown", "unknown", "/api/resize", "{}"))
                        .status())
                .as("an app deploy-svc does not serve")
                .isEqualTo(404);

        assertThat(runsOf("declared"))
                .extracting(r -> r.path("id").asText())
                .containsExactlyInAnyOrder(resize, job, batch, spelled);
        assertThat(runsOf("silent")).isEmpty();
        assertThat(intakeOf("declared").path("async"))
                .extracting(JsonNode::asText)
                .containsExactly("resize", "jobs/*", "batch/**");
        assertThat(intakeOf("declared").path("storedBytes").asLong()).isEqualTo(4 * 2);
    }

    @Test
    void asyncRequestsAndWebhookDeliveriesShareARateLimitPastWhichNothingIsStored() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.withIntake("a_limited", "limited", List.of("**"), 1, 2, null));
        scheduler.waitForPolicy("limited");
        String hook = json(scheduler.admin("POST", "/apps/limited/hooks", Map.of(), "{\"name\": \"plain\"}"))
                .path("hook")
                .path("id")
                .asText();
        scheduler.enqueue("a_limited", "limited", "/api/one", "{}");
        scheduler.enqueue("a_limited", "limited", "/api/two", "{}");

        Problem limited = problemOf(() -> scheduler.enqueue("a_limited", "limited", "/api/three", "{}"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.type()).isEqualTo(TYPES + "rate-limited");
        assertThat(((Number) limited.extensions().get("retryAfter")).longValue())
                .isBetween(1L, 60L);
        Problem delivery = problemOf(() -> scheduler.deliver("a_limited", hook, "none"));
        assertThat(delivery.status()).isEqualTo(429);
        assertThat(delivery.extensions()).containsKey("retryAfter");

        assertThat(runsOf("limited")).hasSize(2);
        assertThat(intakeOf("limited").path("storedBytes").asLong()).isEqualTo(2 * 2);
        // Another app draws from a bucket of its own.
        scheduler.deploy().deploy(SchedulerFixture.withIntake("a_calm", "calm", List.of("**"), 1, 2, null));
        scheduler.enqueue("a_calm", "calm", "/api/one", "{}");
    }

    @Test
    void pastTheStoredPayloadCapNothingIsStoredUntilOldRunsAreDeleted() throws Exception {
        long cap = 1L << 20;
        scheduler.deploy().deploy(SchedulerFixture.withIntake("a_full", "full", List.of("**"), 6_000, 1_000, cap));
        scheduler.waitForPolicy("full");
        String largest = "x".repeat(SchedulerSubjects.MAX_PAYLOAD);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < cap / SchedulerSubjects.MAX_PAYLOAD; i++) {
            kept.add(scheduler.enqueue("a_full", "full", "/api/big", largest).runId());
        }
        assertThat(intakeOf("full").path("storedBytes").asLong()).isEqualTo(cap);

        Problem full = problemOf(() -> scheduler.enqueue("a_full", "full", "/api/one-more", "x"));
        assertThat(full.status()).isEqualTo(507);
        assertThat(full.type()).isEqualTo(TYPES + "storage-full");
        assertThat(full.errors()).singleElement().satisfies(e -> assertThat(e.field())
                .isEqualTo("body"));
        String hook = json(scheduler.admin("POST", "/apps/full/hooks", Map.of(), "{\"name\": \"plain\"}"))
                .path("hook")
                .path("id")
                .asText();
        assertThat(problemOf(() -> scheduler.deliver("a_full", hook, "none")).status())
                .isEqualTo(507);
        assertThat(runsOf("full")).hasSize(kept.size());
        assertThat(intakeOf("full").path("storedBytes").asLong()).isEqualTo(cap);

        // The retention sweep deletes finished runs, which makes room again.
        for (String id : kept) {
            scheduler.waitForStatus(id, "succeeded");
        }
        int deleted = scheduler
                .suite()
                .service(ServiceName.SCHEDULER)
                .context()
                .getBean(Runs.class)
                .deleteFinishedBefore(Instant.now().plusSeconds(1));
        assertThat(deleted).isGreaterThanOrEqualTo(kept.size());
        assertThat(intakeOf("full").path("storedBytes").asLong()).isZero();
        scheduler.enqueue("a_full", "full", "/api/one-more", "x");
        assertThat(intakeOf("full").path("storedBytes").asLong()).isEqualTo(1);
    }
}
