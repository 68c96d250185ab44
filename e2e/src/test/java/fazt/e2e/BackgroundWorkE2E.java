package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Background work from outside, against a one-JVM suite started by scripts/stack: an every-2-seconds schedule fires
 * and is recorded, an async request runs, a failing handler is retried and dead-lettered and a replay after a fixed
 * deploy succeeds, webhooks with a bad signature are refused and recorded while a good one runs, async requests
 * reach only the paths an app declares, within its rate limit, and deploy, redeploy, rollback and delete keep the
 * scheduler's schedules equal to the live {@code fazt.json} (deploy-svc and scheduler-svc together, over the app
 * events and {@code svc.deploy.triggers.get}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackgroundWorkE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm();

    private final Edge edge = suite.edge();

    private JsonNode await(String what, String adminPath, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = edge.json("GET", adminPath, null);
            if (response.statusCode() == 200) {
                last = Edge.jsonOf(response);
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + " did not happen within 60 s; last answer: " + last);
    }

    @Test
    @Order(1)
    void anEveryTwoSecondsScheduleFiresAndIsRecorded() throws Exception {
        edge.deployFiles(
                "ticker", "fazt.json", "{\"cron\": [{\"every\": \"2s\", \"name\": \"tick\"}]}", "api/main.js", """
                        export default {
                          async fetch(request, env) { return Response.json({ ticks: (await env.KV.get("ticks")) ?? 0 }); },
                          async scheduled(event, env) {
                            if (event.name !== "tick" || typeof event.scheduledTime !== "number") throw new Error("bad event");
                            await env.KV.put("ticks", ((await env.KV.get("ticks")) ?? 0) + 1);
                          }
                        };
                        """);
        JsonNode runs = await(
                "two succeeded interval runs",
                "/apps/ticker/runs?trigger=interval",
                r -> r.get("runs").size() >= 2
                        && r.get("runs").get(1).get("status").asText().equals("succeeded"));
        assertThat(runs.get("runs").get(0).get("trigger").asText()).isEqualTo("interval");
        assertThat(Edge.jsonOf(edge.get("ticker.localhost", "/api/"))
                        .get("ticks")
                        .asInt())
                .isGreaterThanOrEqualTo(2);
        JsonNode schedules = Edge.jsonOf(edge.json("GET", "/apps/ticker/schedules", null));
        assertThat(schedules.get("schedules").get(0).get("name").asText()).isEqualTo("tick");
        assertThat(schedules.get("schedules").get(0).get("nextRun").isNull()).isFalse();

        HttpResponse<byte[]> badCron = edge.deploy(
                "ticker",
                Bundles.zip(Bundles.files(
                        "fazt.json",
                        "{\"cron\": [{\"schedule\": \"61 * * * *\"}]}",
                        "api/main.js",
                        "export default { fetch() { return new Response('x'); }, scheduled() {} };")));
        assertThat(badCron.statusCode()).isEqualTo(422);
        assertThat(Edge.text(badCron)).contains("cron[0].schedule");
    }

    @Test
    @Order(2)
    void anAsyncRequestIsAcceptedAtOnceAndRuns() throws Exception {
        edge.deployFiles("worker", "fazt.json", "{\"async\": [\"resize\"]}", "api/main.js", """
                export default {
                  async fetch(request, env) {
                    const url = new URL(request.url);
                    if (request.method === "POST") {
                      await env.KV.put("job", { path: url.pathname, size: url.searchParams.get("size"), body: await request.json() });
                      return new Response("done");
                    }
                    return Response.json(await env.KV.get("job"));
                  }
                };
                """);
        HttpResponse<byte[]> accepted = edge.send(
                "POST",
                "worker.localhost",
                "/_fazt/async/resize?size=2",
                HttpRequest.BodyPublishers.ofString("{\"img\":7}"),
                "Content-Type",
                "application/json");
        assertThat(accepted.statusCode()).as(Edge.text(accepted)).isEqualTo(202);
        String statusUrl = Edge.jsonOf(accepted).get("status_url").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "";
        while (!status.equals("succeeded") && System.nanoTime() < deadline) {
            status = Edge.jsonOf(edge.get("worker.localhost", statusUrl))
                    .get("status")
                    .asText();
            Thread.sleep(300);
        }
        assertThat(status).isEqualTo("succeeded");
        JsonNode job = Edge.jsonOf(edge.get("worker.localhost", "/api/job"));
        assertThat(job.get("path").asText()).isEqualTo("/api/resize");
        assertThat(job.get("size").asText()).isEqualTo("2");
        assertThat(job.get("body").get("img").asInt()).isEqualTo(7);
    }

    @Test
    @Order(3)
    void aFailingRunIsRetriedThenDeadLetteredAndAReplayAfterAFixSucceeds() throws Exception {
        edge.deployFiles(
                "flaky",
                "fazt.json",
                "{\"async\": [\"go\"], \"retry\": {\"attempts\": 2, \"backoff\": \"200ms\"}}",
                "api/main.js",
                "export default { fetch() { throw new Error('not yet'); } };");
        HttpResponse<byte[]> accepted = edge.send(
                "POST",
                "flaky.localhost",
                "/_fazt/async/go",
                HttpRequest.BodyPublishers.ofString("{}"),
                "Content-Type",
                "application/json");
        assertThat(accepted.statusCode()).as(Edge.text(accepted)).isEqualTo(202);
        String runId = Edge.jsonOf(accepted).get("run_id").asText();
        JsonNode failed = await(
                "the run to fail",
                "/runs/" + runId,
                r -> r.get("run").get("status").asText().equals("failed"));
        assertThat(failed.get("attempts").size()).isEqualTo(2);
        assertThat(failed.get("attempts").toString()).contains("not yet");

        edge.deployFiles(
                "flaky",
                "fazt.json",
                "{\"async\": [\"go\"], \"retry\": {\"attempts\": 2, \"backoff\": \"200ms\"}}",
                "api/main.js",
                "export default { fetch() { return new Response('fixed'); } };");
        HttpResponse<byte[]> replay = edge.json("POST", "/runs/" + runId + "/replay", null);
        assertThat(replay.statusCode()).as(Edge.text(replay)).isEqualTo(201);
        String replayId = Edge.jsonOf(replay).get("run").get("id").asText();
        await(
                "the replay to succeed",
                "/runs/" + replayId,
                r -> r.get("run").get("status").asText().equals("succeeded"));
    }

    @Test
    @Order(4)
    void aWebhookWithABadSignatureIsRefusedAndRecordedAndAGoodOneRuns() throws Exception {
        edge.deployFiles("hooked", "api/main.js", """
                export default {
                  async fetch(request, env) { return Response.json(await env.KV.get("delivery")); },
                  async webhook(request, env) {
                    await env.KV.put("delivery", { path: new URL(request.url).pathname, body: await request.text() });
                  }
                };
                """);
        String secret = "hook-secret-" + System.nanoTime();
        HttpResponse<byte[]> created = edge.json(
                "POST",
                "/apps/hooked/hooks",
                "{\"name\":\"github\",\"secret\":\"" + secret + "\",\"signature\":\"github\"}");
        assertThat(created.statusCode()).as(Edge.text(created)).isEqualTo(201);
        String path = Edge.jsonOf(created).get("hook").get("path").asText();
        assertThat(path).startsWith("/_fazt/hooks/");

        String payload = "{\"action\":\"opened\"}";
        HttpResponse<byte[]> bad = edge.send(
                "POST",
                "hooked.localhost",
                path,
                HttpRequest.BodyPublishers.ofString(payload),
                "Content-Type",
                "application/json",
                "X-Hub-Signature-256",
                "sha256=" + "0".repeat(64));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("content-type")).hasValue("application/problem+json");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<byte[]> good = edge.send(
                "POST",
                "hooked.localhost",
                path,
                HttpRequest.BodyPublishers.ofString(payload),
                "Content-Type",
                "application/json",
                "X-Hub-Signature-256",
                signature);
        assertThat(good.statusCode()).as(Edge.text(good)).isEqualTo(202);

        JsonNode runs = await(
                "a succeeded and a refused webhook run",
                "/apps/hooked/runs?trigger=webhook",
                r -> r.get("runs").toString().contains("\"succeeded\"")
                        && r.get("runs").toString().contains("\"refused\""));
        assertThat(runs.get("runs").size()).isEqualTo(2);
        JsonNode delivery = Edge.jsonOf(edge.get("hooked.localhost", "/api/"));
        assertThat(delivery.get("path").asText()).isEqualTo("/api/hooks/github");
        assertThat(delivery.get("body").asText()).isEqualTo(payload);
    }

    @Test
    @Order(5)
    void onlyDeclaredAsyncPathsQueueAndOnlyWithinTheAppsRateLimit() throws Exception {
        edge.deployFiles("plain", "index.html", "<p>a static site</p>");
        HttpResponse<byte[]> staticSite = edge.send(
                "POST",
                "plain.localhost",
                "/_fazt/async/anything",
                HttpRequest.BodyPublishers.ofString("{}"),
                "Content-Type",
                "application/json");
        assertThat(staticSite.statusCode()).isEqualTo(404);
        assertThat(Edge.jsonOf(staticSite).get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/not-found");

        edge.deployFiles(
                "busy",
                "fazt.json",
                "{\"async\": [\"ping\"], \"intake\": {\"perMinute\": 1, \"burst\": 1}}",
                "api/main.js",
                "export default { fetch() { return new Response('pong'); } };");
        HttpResponse<byte[]> undeclared = edge.send(
                "POST",
                "busy.localhost",
                "/_fazt/async/other",
                HttpRequest.BodyPublishers.ofString("{}"),
                "Content-Type",
                "application/json");
        assertThat(undeclared.statusCode()).isEqualTo(404);
        assertThat(Edge.jsonOf(undeclared).get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/not-found");

        HttpResponse<byte[]> first = edge.send(
                "POST",
                "busy.localhost",
                "/_fazt/async/ping",
                HttpRequest.BodyPublishers.ofString("{}"),
                "Content-Type",
                "application/json");
        assertThat(first.statusCode()).as(Edge.text(first)).isEqualTo(202);
        HttpResponse<byte[]> second = edge.send(
                "POST",
                "busy.localhost",
                "/_fazt/async/ping",
                HttpRequest.BodyPublishers.ofString("{}"),
                "Content-Type",
                "application/json");
        assertThat(second.statusCode()).as(Edge.text(second)).isEqualTo(429);
        assertThat(Edge.jsonOf(second).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/scheduler/rate-limited");
        assertThat(Long.parseLong(second.headers().firstValue("retry-after").orElseThrow()))
                .isBetween(1L, 60L);

        JsonNode runs = Edge.jsonOf(edge.json("GET", "/apps/busy/runs", null));
        assertThat(runs.get("runs").size())
                .as("only the accepted request is stored")
                .isEqualTo(1);
        assertThat(Edge.jsonOf(edge.json("GET", "/apps/plain/runs", null))
                        .get("runs")
                        .size())
                .isZero();
    }

    // Moved from scheduler-svc's DeploySyncIT: it needs the real deploy-svc and scheduler-svc together (ADR 26).
    @Test
    @Order(6)
    void schedulesFollowDeployRollbackAndDelete() throws Exception {
        String code = "export default { fetch() { return new Response('x'); }, scheduled() {} };";
        edge.deployFiles(
                "cronny",
                "fazt.json",
                "{\"cron\": [{\"every\": \"1s\", \"name\": \"tick\"}, {\"schedule\":"
                        + " \"0 3 * * *\", \"tz\": \"Europe/Berlin\", \"name\": \"nightly\"}], \"retry\": {\"attempts\": 2}}",
                "api/main.js",
                code);
        JsonNode nightly = await(
                        "both schedules",
                        "/apps/cronny/schedules",
                        r -> r.get("schedules").size() == 2)
                .get("schedules")
                .get(0);
        assertThat(nightly.path("name").asText()).isEqualTo("nightly");
        assertThat(nightly.path("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(nightly.path("tz").asText()).isEqualTo("Europe/Berlin");
        JsonNode run = await(
                        "an interval run",
                        "/apps/cronny/runs?trigger=interval",
                        r -> r.get("runs").size() >= 1)
                .get("runs")
                .get(0);
        assertThat(run.path("trigger").asText()).isEqualTo("interval");
        assertThat(run.path("maxAttempts").asInt()).isEqualTo(2);

        // A version without cron stops the schedules; rolling back brings them back.
        edge.deployFiles("cronny", "fazt.json", "{}", "api/main.js", code);
        await("no schedules", "/apps/cronny/schedules", r -> r.get("schedules").isEmpty());
        Thread.sleep(1_500);
        int before = runs("cronny");
        Thread.sleep(2_000);
        assertThat(runs("cronny")).isEqualTo(before);

        HttpResponse<byte[]> rolledBack = edge.json("POST", "/apps/cronny/rollback", "{\"version\": 1}");
        assertThat(rolledBack.statusCode()).as(Edge.text(rolledBack)).isEqualTo(200);
        await(
                "both schedules again",
                "/apps/cronny/schedules",
                r -> r.get("schedules").size() == 2);

        HttpResponse<byte[]> deleted = edge.json("DELETE", "/apps/cronny", null);
        assertThat(deleted.statusCode()).as(Edge.text(deleted)).isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (status != 404 && System.nanoTime() < deadline) {
            status = edge.json("GET", "/apps/cronny/schedules", null).statusCode();
            if (status != 404) {
                Thread.sleep(500);
            }
        }
        assertThat(status).as("schedules of a deleted app").isEqualTo(404);
    }

    private int runs(String app) throws Exception {
        return Edge.jsonOf(edge.json("GET", "/apps/" + app + "/runs?trigger=interval", null))
                .get("runs")
                .size();
    }
}
