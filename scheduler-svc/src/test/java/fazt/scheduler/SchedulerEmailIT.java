package fazt.scheduler;

import static fazt.platform.service.testing.RemoteCall.problemOf;
import static fazt.scheduler.SchedulerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.service.testing.RemoteCall;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.scheduler.RunAccepted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * mail-svc's {@code svc.scheduler.email.enqueue}: a stored message starts one run of the app's {@code email} handler
 * however often it is asked, retried and replayed like any run, and listed under trigger {@code email}.
 */
class SchedulerEmailIT {
    @RegisterExtension
    static final SchedulerFixture scheduler = new SchedulerFixture();

    @Test
    void aMessageRunsTheEmailHandlerWithItsReferenceAndShowsUnderTriggerEmail() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_mail", "mailer", List.of(), 3, 1_000, 4));
        RunAccepted accepted = scheduler.email("a_mail", "mailer", "m_0001");
        assertThat(accepted.status()).isEqualTo("queued");
        JsonNode done = scheduler.waitForStatus(accepted.runId(), "succeeded");
        assertThat(done.path("run").path("trigger").asText()).isEqualTo("email");
        assertThat(done.path("run").path("source").asText()).isEqualTo("support@example.org");

        InvokeRequest call = scheduler.runtime().of("a_mail").getFirst();
        assertThat(call.trigger()).isEqualTo("email");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.url()).isEqualTo("https://mailer.localhost/_fazt/email");
        assertThat(new String(call.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"messageId\":\"m_0001\",\"mailFrom\":\"alice@example.com\","
                        + "\"to\":\"support@example.org\",\"rawSize\":1234,\"subject\":\"Hello\"}");

        scheduler.enqueue("a_mail", "mailer", "/api/other", "{}");
        JsonNode emailRuns =
                json(scheduler.admin("GET", "/apps/mailer/runs", Map.of("trigger", List.of("email")), null));
        assertThat(emailRuns.path("runs").findValuesAsText("id")).containsExactly(accepted.runId());
    }

    @Test
    void theSameMessageAskedAgainOrAtOnceMakesOneRun() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_once", "once", List.of(), 3, 1_000, 4));
        List<CompletableFuture<RunAccepted>> together = IntStream.range(0, 8)
                .mapToObj(i -> scheduler.emailAsync("a_once", "once", "m_same"))
                .toList();
        List<String> ids = together.stream()
                .map(f -> RemoteCall.await(f).runId())
                .distinct()
                .toList();
        assertThat(ids).hasSize(1);
        scheduler.waitForStatus(ids.getFirst(), "succeeded");
        RunAccepted again = scheduler.email("a_once", "once", "m_same");
        assertThat(again.runId()).isEqualTo(ids.getFirst());
        assertThat(again.status()).isEqualTo("succeeded");
        assertThat(scheduler.runtime().of("a_once")).hasSize(1);
        assertThat(json(scheduler.admin("GET", "/apps/once/runs", Map.of(), null))
                        .path("runs")
                        .size())
                .isEqualTo(1);

        // Another message, or the same message id for another app, is another run.
        scheduler.deploy().deploy(SchedulerFixture.app("a_twice", "twice", List.of(), 3, 1_000, 4));
        assertThat(scheduler.email("a_once", "once", "m_other").runId()).isNotEqualTo(ids.getFirst());
        assertThat(scheduler.email("a_twice", "twice", "m_same").runId()).isNotEqualTo(ids.getFirst());
    }

    @Test
    void aFailingEmailHandlerIsRetriedUnderTheAppsPolicyAndAReplayRunsAgain() throws Exception {
        scheduler.deploy().deploy(SchedulerFixture.app("a_bounce", "bounce", List.of(), 2, 100, 4));
        scheduler.waitForPolicy("bounce");
        scheduler.behave("a_bounce", RuntimeStandIn.Behaviour.thrown("no mailbox"));
        RunAccepted accepted = scheduler.email("a_bounce", "bounce", "m_fail");
        JsonNode failed = scheduler.waitForStatus(accepted.runId(), "failed");
        assertThat(failed.path("run").path("attempts").asInt()).isEqualTo(2);
        assertThat(failed.path("attempts").findValuesAsText("status")).containsExactly("failed", "failed");
        assertThat(scheduler.runtime().of("a_bounce"))
                .extracting(InvokeRequest::trigger)
                .containsExactly("email", "email");
        // mail-svc asking again does not start it over: the message's run is the failed one.
        assertThat(scheduler.email("a_bounce", "bounce", "m_fail").status()).isEqualTo("failed");

        scheduler.behave("a_bounce", RuntimeStandIn.Behaviour.ok());
        JsonNode replay = json(scheduler.admin("POST", "/runs/" + accepted.runId() + "/replay", Map.of(), null))
                .path("run");
        JsonNode done = scheduler.waitForStatus(replay.path("id").asText(), "succeeded");
        assertThat(done.path("run").path("trigger").asText()).isEqualTo("email");
        InvokeRequest last = scheduler.runtime().of("a_bounce").getLast();
        assertThat(last.trigger()).isEqualTo("email");
        assertThat(new String(last.body(), StandardCharsets.UTF_8)).contains("\"messageId\":\"m_fail\"");
    }

    @Test
    void anUnknownAppIsNotFoundAndABadRequestIsRefused() {
        Problem unknown = problemOf(() -> scheduler.email("a_nobody", "nobody", "m_1"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.type()).endsWith("scheduler/app-not-found");
        Problem noId = problemOf(() -> scheduler.email("a_nobody", "nobody", ""));
        assertThat(noId.status()).isEqualTo(400);
    }
}
