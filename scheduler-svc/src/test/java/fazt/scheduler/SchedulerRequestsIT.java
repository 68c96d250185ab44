package fazt.scheduler;

import static fazt.platform.service.testing.RemoteCall.await;
import static fazt.platform.service.testing.RemoteCall.problemOf;
import static fazt.scheduler.SchedulerFixture.TIMEOUT;
import static fazt.scheduler.SchedulerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.auth.Principal;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.RunStatusReply;
import fazt.proto.scheduler.RunStatusRequest;
import fazt.proto.scheduler.SchedulerSubjects;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the scheduler accepts from outside: async runs (visible only to their app, large bodies refused),
 * webhooks (bad signatures refused and recorded, good ones run), and the admin API's scope checks.
 */
class SchedulerRequestsIT {
    @RegisterExtension
    static final SchedulerFixture scheduler = new SchedulerFixture();

    @Test
    void asyncRunsSucceedAreVisibleOnlyToTheirAppAndLargeBodiesAreRefused() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_async", "async", List.of(), 3, 1_000, 4));
        RunAccepted accepted = scheduler.enqueue("a_async", "async", "/api/resize", "{\"img\":1}");
        scheduler.waitForStatus(accepted.runId(), "succeeded");
        InvokeRequest call = scheduler.runtime().of("a_async").getFirst();
        assertThat(call.trigger()).isEqualTo("async");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(new String(call.body(), StandardCharsets.UTF_8)).isEqualTo("{\"img\":1}");
        assertThat(call.headers())
                .contains(new HttpHeader("Content-Type", "application/json"))
                .doesNotContain(
                        new HttpHeader("Connection", "keep-alive"),
                        new HttpHeader("Authorization", "Bearer t0ken"),
                        new HttpHeader("Cookie", "fazt_app=s3ssion"));
        try (var c = scheduler.suite().postgres().connect();
                var q = c.prepareStatement("SELECT headers::text FROM scheduler.run WHERE run_id = ?")) {
            q.setString(1, accepted.runId());
            var r = q.executeQuery();
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1))
                    .as("a run record never keeps the caller's credentials")
                    .contains("Content-Type")
                    .doesNotContainIgnoringCase("authorization")
                    .doesNotContainIgnoringCase("cookie")
                    .doesNotContain("t0ken");
        }

        RunStatusReply mine = await(scheduler
                .requester()
                .request(
                        SchedulerSubjects.RUN_STATUS,
                        new RunStatusRequest("a_async", accepted.runId()),
                        RunStatusReply.class,
                        TIMEOUT));
        assertThat(mine.found()).isTrue();
        assertThat(mine.status()).isEqualTo("succeeded");
        assertThat(await(scheduler
                                .requester()
                                .request(
                                        SchedulerSubjects.RUN_STATUS,
                                        new RunStatusRequest("a_other", accepted.runId()),
                                        RunStatusReply.class,
                                        TIMEOUT))
                        .found())
                .isFalse();

        Problem tooLarge = problemOf(
                () -> scheduler.enqueue("a_async", "async", "/api/big", "x".repeat(SchedulerSubjects.MAX_PAYLOAD + 1)));
        assertThat(tooLarge.status()).isEqualTo(413);
        Problem notApi = problemOf(() -> scheduler.enqueue("a_async", "async", "/elsewhere", "x"));
        assertThat(notApi.status()).isEqualTo(400);
    }

    @Test
    void aWebhookWithABadSignatureIsRefusedAndRecordedAGoodOneRuns() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_hooked", "hooked", List.of(), 3, 1_000, 4));
        JsonNode hook = json(scheduler.admin(
                        "POST",
                        "/apps/hooked/hooks",
                        Map.of(),
                        "{\"name\": \"github\", \"secret\": \"It's a Secret to Everybody\"}"))
                .path("hook");
        String id = hook.path("id").asText();
        assertThat(id).startsWith("h_").hasSizeGreaterThan(20);
        assertThat(hook.path("signature").asText()).isEqualTo("github");
        assertThat(hook.path("path").asText()).isEqualTo("/_fazt/hooks/" + id);
        assertThat(hook.toString()).doesNotContain("Secret");
        Problem taken =
                problemOf(() -> scheduler.admin("POST", "/apps/hooked/hooks", Map.of(), "{\"name\": \"github\"}"));
        assertThat(taken.status()).isEqualTo(409);

        Problem refused = problemOf(() -> scheduler.deliver("a_hooked", id, "sha256=" + "0".repeat(64)));
        assertThat(refused.status()).isEqualTo(401);
        String refusedRun = String.valueOf(refused.extensions().get("runId"));
        JsonNode recorded = json(scheduler.admin("GET", "/runs/" + refusedRun, Map.of(), null));
        assertThat(recorded.path("run").path("status").asText()).isEqualTo("refused");
        assertThat(recorded.path("run").path("error").asText()).isEqualTo("signature does not match");
        assertThat(recorded.path("attempts").size()).isZero();

        RunAccepted good = await(scheduler.deliverAsync(
                "a_hooked", id, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        scheduler.waitForStatus(good.runId(), "succeeded");
        InvokeRequest call = scheduler.runtime().of("a_hooked").getFirst();
        assertThat(call.trigger()).isEqualTo("webhook");
        assertThat(call.url()).isEqualTo("https://hooked.localhost/api/hooks/github");
        assertThat(new String(call.body(), StandardCharsets.UTF_8)).isEqualTo("Hello, World!");

        // Another app's host cannot reach this hook; a deleted hook is gone.
        assertThat(problemOf(() -> scheduler.deliver("a_async", id, "x")).status())
                .isEqualTo(404);
        scheduler.admin("DELETE", "/apps/hooked/hooks/github", Map.of(), null);
        assertThat(json(scheduler.admin("GET", "/apps/hooked/hooks", Map.of(), null))
                        .path("hooks")
                        .size())
                .isZero();
        assertThat(problemOf(() -> scheduler.deliver(
                                "a_hooked",
                                id,
                                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void scopesAreChecked() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_scoped", "scoped", List.of(), 3, 1_000, 4));
        scheduler.waitForPolicy("scoped");
        Principal reader = new Principal("u_r", "reader", List.of(Principal.READ));
        Principal other = new Principal("u_o", "other", List.of("deploy:someone-else"));
        Problem forbidden = problemOf(() -> scheduler.admin(other, "GET", "/apps/scoped/runs", Map.of(), null));
        assertThat(forbidden.status()).isEqualTo(403);
        Problem readOnly =
                problemOf(() -> scheduler.admin(reader, "POST", "/apps/scoped/hooks", Map.of(), "{\"name\": \"x\"}"));
        assertThat(readOnly.status()).isEqualTo(403);
        Problem unknown = problemOf(() -> scheduler.admin("GET", "/apps/nobody/runs", Map.of(), null));
        assertThat(unknown.status()).isEqualTo(404);
        Problem badStatus =
                problemOf(() -> scheduler.admin("GET", "/apps/scoped/runs", Map.of("status", List.of("weird")), null));
        assertThat(badStatus.status()).isEqualTo(400);
    }
}
