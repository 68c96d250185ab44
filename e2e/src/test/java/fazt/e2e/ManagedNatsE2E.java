package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The split suite on a nats-server of its own that authorises every connection (ADR 31, {@code FAZT_NATS_MANAGED=1}):
 * each service signed in with its own seed and limited to its role, one journey through every role (a site with
 * server code using KV and an env var, app logs, an admin API call) works, and no service was refused anything.
 */
class ManagedNatsE2E {
    @RegisterExtension
    static final RunningStack suite =
            RunningStack.split().env("FAZT_NATS_MANAGED", "1").env("FAZT_NATS_PORT", Integer.toString(freePort()));

    private final Edge edge = suite.edge();

    @Test
    void aDeployedFunctionUsingKvEnvAndLogsAndTheAdminApiWorkWithEveryServiceLimitedToItsRole() throws Exception {
        Path home = suite.stack().home;
        String config = Files.readString(home.resolve("nats/nats-server.conf"));
        assertThat(config).contains("permissions").contains("allow_responses");
        assertThat(Files.list(home.resolve("nats/credentials"))
                        .map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(
                        "gateway.nk", "auth.nk", "deploy.nk", "storage.nk", "runtime.nk", "scheduler.nk", "mail.nk");

        edge.deployFiles("guarded", "index.html", "<h1>guarded</h1>", "api/main.js", """
                        export default {
                          async fetch(request, env) {
                            const n = (await env.KV.get("hits") ?? 0) + 1;
                            await env.KV.put("hits", n);
                            console.log("guarded hit", n);
                            return Response.json({ hits: n, greeting: env.GREETING ?? null });
                          }
                        };
                        """);
        assertThat(Edge.text(edge.get("guarded.localhost", "/"))).isEqualTo("<h1>guarded</h1>");
        assertThat(Edge.jsonOf(edge.get("guarded.localhost", "/api/"))
                        .get("hits")
                        .asInt())
                .isEqualTo(1);
        assertThat(Edge.jsonOf(edge.get("guarded.localhost", "/api/"))
                        .get("hits")
                        .asInt())
                .isEqualTo(2);

        // An env value reaches the function: runtime-svc, and only it, may ask deploy-svc for it.
        assertThat(edge.json("PUT", "/apps/guarded/env/GREETING", "{\"value\":\"hello\",\"secret\":true}")
                        .statusCode())
                .isIn(200, 201);
        JsonNode seen = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            seen = Edge.jsonOf(edge.get("guarded.localhost", "/api/"));
            if ("hello".equals(seen.get("greeting").asText(null))) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(seen.get("greeting").asText()).isEqualTo("hello");

        // Admin API calls to deploy-svc and runtime-svc (app logs from JetStream).
        HttpResponse<byte[]> apps = edge.json("GET", "/apps", null);
        assertThat(apps.statusCode()).as(Edge.text(apps)).isEqualTo(200);
        assertThat(Edge.text(apps)).contains("guarded");
        String logs = "";
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!logs.contains("guarded hit") && System.nanoTime() < deadline) {
            logs = Edge.text(edge.json("GET", "/apps/guarded/logs?since=10m", null));
            Thread.sleep(200);
        }
        assertThat(logs).contains("guarded hit");

        assertThat(suite.stack().stack("status").output()).containsPattern("nats\\s+[0-9]+\\s+UP");
        try (Stream<Path> files = Files.list(home.resolve("logs"))) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                assertThat(read(log)).as(log.toString()).doesNotContain("Violation");
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try {
            return Stack.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
