package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime killed (kill -9) while it runs a request, on a split suite under scripts/stack's supervisors (ADR 0035):
 * the request ran once (a KV counter says so) and is answered 503 at once, every request meanwhile is 503 with
 * {@code Retry-After} (never 502), the supervisor starts the runtime again, the app's log names the lost request, and
 * {@code scripts/stack status} shows the restart. The time from the kill to a healthy runtime is printed (measured,
 * not asserted: it is the JVM's start on a loaded machine).
 */
class SupervisedRuntimeE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.split();

    private final Edge edge = suite.edge();

    @Test
    void aRuntimeKilledMidRequestIsRestartedAndTheRequestRanOnce() throws Exception {
        edge.deployFiles("poison", "index.html", "<h1>poison</h1>", "api/main.js", """
                        export default {
                          async fetch(request, env) {
                            const path = new URL(request.url).pathname;
                            if (path === "/api/slow") {
                              await env.KV.put("runs", (await env.KV.get("runs") ?? 0) + 1);
                              await new Promise((resolve) => setTimeout(resolve, 20000));
                              return Response.json({ done: true });
                            }
                            return Response.json({ runs: await env.KV.get("runs") ?? 0 });
                          }
                        };
                        """);
        assertThat(runs()).isZero();
        Stack stack = suite.stack();
        long killedAt;
        try (HttpClient http = HttpClient.newHttpClient()) {
            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort + "/api/slow"))
                            .header("Host", "poison.localhost")
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            while (runs() == 0) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // past its first heartbeat: the request is running on the instance

            long runtimePid = Long.parseLong(
                    Files.readString(stack.home.resolve("run/runtime.pid")).trim());
            killedAt = System.nanoTime();
            Stack.run(java.util.List.of("kill", "-9", Long.toString(runtimePid)), java.util.Map.of(), 10);

            HttpResponse<String> lost = slow.get(30, TimeUnit.SECONDS);
            assertThat(lost.statusCode()).as(lost.body()).isEqualTo(503);
            assertThat(lost.body()).contains("gateway/runtime-instance-lost");
            assertThat(lost.headers().firstValue("retry-after")).isPresent();

            // Until the supervisor has it back: 503 with Retry-After, never a 502.
            int unavailable = 0;
            while (true) {
                HttpResponse<byte[]> probe = edge.get("poison.localhost", "/api/runs");
                if (probe.statusCode() == 200) {
                    break;
                }
                assertThat(probe.statusCode()).as(Edge.text(probe)).isEqualTo(503);
                assertThat(probe.headers().firstValue("retry-after")).isPresent();
                unavailable++;
                assertThat(System.nanoTime() - killedAt)
                        .as("the runtime is back under its supervisor")
                        .isLessThan(Duration.ofSeconds(120).toNanos());
                Thread.sleep(250);
            }
            long backMillis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf(
                    "SupervisedRuntimeE2E: runtime answering again %d ms after kill -9 (%d probes answered 503)%n",
                    backMillis, unavailable);
            assertThat(unavailable)
                    .as("the gateway answered 503 while no runtime ran")
                    .isPositive();
        }
        assertThat(runs())
                .as("the killed request ran once: not retried on the new instance")
                .isEqualTo(1);

        // The supervisor's record, once the new process also reports healthy (it may answer functions a moment
        // before its management port is up).
        Pattern restarted = Pattern.compile("runtime +\\d+ +UP +\\d+ +restarts=1 last_exit=\"signal KILL\"");
        Stack.Result status = stack.stack("status");
        while (!restarted.matcher(status.output()).find()) {
            assertThat(System.nanoTime() - killedAt)
                    .as("runtime healthy again under its supervisor: %s", status.output())
                    .isLessThan(Duration.ofSeconds(180).toNanos());
            Thread.sleep(250);
            status = stack.stack("status");
        }
        System.out.printf(
                "SupervisedRuntimeE2E: runtime healthy (scripts/stack status UP) %d ms after kill -9%n",
                (System.nanoTime() - killedAt) / 1_000_000);

        HttpResponse<byte[]> logs = edge.json("GET", "/apps/poison/logs?since=10m", null);
        assertThat(logs.statusCode()).as(Edge.text(logs)).isEqualTo(200);
        assertThat(Edge.text(logs)).contains("gateway/runtime-instance-lost").contains("GET /api/slow");
    }

    private int runs() throws Exception {
        HttpResponse<byte[]> response = edge.get("poison.localhost", "/api/runs");
        assertThat(response.statusCode()).as(Edge.text(response)).isEqualTo(200);
        return Edge.jsonOf(response).get("runs").asInt();
    }
}
