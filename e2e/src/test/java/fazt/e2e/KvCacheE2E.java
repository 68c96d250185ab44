package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * env.KV's fast path on a split suite with two runtime instances (ADR 36): each instance's read cache is told of
 * every change by storage-svc, so a value written through one instance is what every later read sees, through
 * either instance (put and delete); a request reads its own writes; a TTL ends a cached value too; and a put that
 * returned is in the database after storage-svc is killed with -9 (no commit acknowledged early).
 *
 * <p>Which instance runs a request is NATS's choice (a queue group): every check reads many times, and the runtimes'
 * own cache meters show that both instances served values from their caches.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KvCacheE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.split().env("FAZT_RUNTIME_INSTANCES", "2");

    private static final int READS = 30;
    private static final Pattern HITS = Pattern.compile(
            "cache_gets_total\\{[^}]*cache=\"runtime\\.kv_values\"[^}]*result=\"hit\"[^}]*} ([0-9.E]+)");

    @BeforeAll
    static void deploy() throws Exception {
        suite.edge().deployFiles("kvc", "index.html", "<h1>kv</h1>", "api/main.js", """
                export default {
                  async fetch(request, env) {
                    const url = new URL(request.url);
                    const k = url.searchParams.get("k");
                    const v = url.searchParams.get("v");
                    switch (url.pathname) {
                      case "/api/put": {
                        const ttl = url.searchParams.get("ttl");
                        await env.KV.put(k, v, ttl ? { ttl: Number(ttl) } : undefined);
                        return Response.json({ ok: true });
                      }
                      case "/api/del": return Response.json({ deleted: await env.KV.delete(k) });
                      case "/api/many": {
                        const n = Number(url.searchParams.get("n"));
                        for (let i = 0; i < n; i++) await env.KV.put(k + i, v + i);
                        return Response.json({ stored: n });
                      }
                      case "/api/own": {
                        const seen = [await env.KV.get(k)];
                        for (let i = 0; i < 20; i++) {
                          await env.KV.put(k, v + i);
                          seen.push(await env.KV.get(k));
                        }
                        await env.KV.delete(k);
                        seen.push(await env.KV.get(k));
                        return Response.json({ seen });
                      }
                      default: return Response.json({ value: await env.KV.get(k) });
                    }
                  }
                };
                """);
    }

    private static JsonNode call(String path) throws Exception {
        HttpResponse<byte[]> response = suite.edge().get("kvc.localhost", path);
        assertThat(response.statusCode()).as(Edge.text(response)).isEqualTo(200);
        return Edge.jsonOf(response);
    }

    private static List<String> reads(String key) throws Exception {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < READS; i++) {
            JsonNode value = call("/api/get?k=" + key).get("value");
            values.add(value.isNull() ? null : value.asText());
        }
        return values;
    }

    /** Cache hits counted by runtime instance k (1 or 2), from its management port's /metrics. */
    private static double hits(int instance) throws Exception {
        Stack stack = suite.stack();
        int port = instance == 1 ? stack.managementPort + 4 : stack.managementPort + 5 + instance;
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = HITS.matcher(metrics.body());
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
    }

    @Test
    void aWriteThroughOneInstanceIsWhatEveryInstanceReadsNext() throws Exception {
        call("/api/put?k=shared&v=one");
        assertThat(reads("shared")).containsOnly("one");
        assertThat(hits(1)).as("instance 1 served from its cache").isPositive();
        assertThat(hits(2)).as("instance 2 served from its cache").isPositive();

        call("/api/put?k=shared&v=two");
        assertThat(reads("shared")).as("no instance serves the old value").containsOnly("two");

        assertThat(call("/api/del?k=shared").get("deleted").asBoolean()).isTrue();
        List<String> afterDelete = reads("shared");
        assertThat(afterDelete).as("no instance serves the deleted value").containsOnly((String) null);
    }

    @Test
    void aRequestReadsItsOwnWrites() throws Exception {
        call("/api/put?k=mine&v=start");
        reads("mine"); // cached on both instances
        JsonNode seen = call("/api/own?k=mine&v=w").get("seen");
        assertThat(seen.get(0).asText()).isEqualTo("start");
        for (int i = 0; i < 20; i++) {
            assertThat(seen.get(i + 1).asText()).isEqualTo("w" + i);
        }
        assertThat(seen.get(21).isNull()).isTrue();
    }

    @Test
    void aCachedValueEndsWithItsTtl() throws Exception {
        // a TTL long enough for the first reads to come before it ends even on a loaded machine
        call("/api/put?k=brief&v=soon-gone&ttl=20");
        // the TTL counts from the commit, which is before the put returned: one second past the TTL from here is past
        // it
        long put = System.nanoTime();
        assertThat(call("/api/get?k=brief").get("value").asText()).isEqualTo("soon-gone");
        reads("brief"); // cached on both instances
        long left = Duration.ofSeconds(21).toNanos() - (System.nanoTime() - put);
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left)); // past the TTL: gone everywhere, cached or not
        }
        assertThat(reads("brief")).containsOnly((String) null);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: storage-svc restarts under the other tests otherwise
    void aPutThatReturnedSurvivesStorageKilledWithSigkill() throws Exception {
        assertThat(call("/api/many?k=durable-&v=value-&n=50").get("stored").asInt())
                .isEqualTo(50);
        Stack stack = suite.stack();
        long storagePid = Long.parseLong(
                Files.readString(stack.home.resolve("run/storage.pid")).trim());
        Stack.run(List.of("kill", "-9", Long.toString(storagePid)), Map.of(), 10);

        try (Connection db = stack.postgres.connect();
                PreparedStatement select = db.prepareStatement(
                        "SELECT key, value FROM storage.kv_entry WHERE key LIKE 'durable-%' ORDER BY key")) {
            int found = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    String value = new String(rows.getBytes(2), StandardCharsets.UTF_8);
                    assertThat(value).isEqualTo("value-" + key.substring("durable-".length()));
                    found++;
                }
            }
            assertThat(found).as("every put that returned is committed").isEqualTo(50);
        }

        // storage-svc comes back under its supervisor and serves the same values
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            HttpResponse<byte[]> response = suite.edge().get("kvc.localhost", "/api/get?k=durable-49");
            if (response.statusCode() == 200
                    && !Edge.jsonOf(response).get("value").isNull()) {
                assertThat(Edge.jsonOf(response).get("value").asText()).isEqualTo("value-49");
                break;
            }
            assertThat(System.nanoTime() - deadline).as("storage-svc back").isNegative();
            Thread.sleep(250);
        }
    }
}
