package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JavaScript apps from outside, against a split suite with two runtime-svc instances started by scripts/stack:
 * a KV counter shared by both instances, document queries with every operator, env vars and secrets (masked in
 * listings, absent from the service logs), errors with file:line:column, limits (infinite loop, memory hog, SSRF),
 * isolation between apps, the deploy-time check, and app logs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionsE2E {
    private static final String SECRET = "s3cr3t-value-" + Long.toHexString(System.nanoTime());

    @RegisterExtension
    static final RunningStack suite =
            RunningStack.split().env("FAZT_RUNTIME_INSTANCES", "2").env("FAZT_FUNCTION_TIMEOUT_MS", "8000");

    private final Edge edge = suite.edge();

    private HttpResponse<byte[]> call(String app, String method, String path, String body) throws Exception {
        return edge.send(
                method,
                app + ".localhost",
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                "Content-Type",
                "application/json");
    }

    @Test
    @Order(1)
    void aKvCounterCountsAcrossRequestsAndBothRuntimeInstances() throws Exception {
        edge.deployFiles("counter", "index.html", "<h1>counter</h1>", "api/main.js", """
                        export default {
                          async fetch(request, env, ctx) {
                            const n = (await env.KV.get("hits") ?? 0) + 1;
                            await env.KV.put("hits", n);
                            return Response.json({ hits: n, path: new URL(request.url).pathname });
                          }
                        };
                        """);
        for (int i = 1; i <= 20; i++) {
            HttpResponse<byte[]> hit = edge.get("counter.localhost", "/api/hit");
            assertThat(hit.statusCode()).as(Edge.text(hit)).isEqualTo(200);
            assertThat(Edge.jsonOf(hit).get("hits").asInt()).isEqualTo(i);
            assertThat(Edge.jsonOf(hit).get("path").asText()).isEqualTo("/api/hit");
            assertThat(hit.headers().firstValue("x-request-id")).isPresent();
        }
        assertThat(Edge.text(edge.get("counter.localhost", "/"))).isEqualTo("<h1>counter</h1>");

        // Both runtime instances served some of them (queue group), as the invocation records show.
        Set<String> instances = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (instances.size() < 2 && System.nanoTime() < deadline) {
            edge.get("counter.localhost", "/api/hit");
            HttpResponse<byte[]> requests = edge.json("GET", "/apps/counter/requests?limit=200", null);
            assertThat(requests.statusCode()).as(Edge.text(requests)).isEqualTo(200);
            for (JsonNode record : firstArray(Edge.jsonOf(requests))) {
                instances.add(record.get("instance").asText());
            }
        }
        assertThat(instances).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(2)
    void documentQueriesSupportEveryOperator() throws Exception {
        edge.deployFiles("notes", "api/main.js", """
                export default {
                  async fetch(request, env) {
                    const url = new URL(request.url);
                    const notes = env.DB.collection("notes");
                    if (url.pathname === "/api/seed") {
                      await notes.insert([
                        { _id: "a", n: 1, tag: "x", tags: ["red", "blue"], title: "alpha" },
                        { _id: "b", n: 2, tag: "y", tags: ["blue"], title: "beta" },
                        { _id: "c", n: 3, tag: "x", tags: [], title: "gamma", extra: true },
                      ]);
                      return new Response("seeded", { status: 201 });
                    }
                    if (url.pathname === "/api/find") {
                      const query = JSON.parse(url.searchParams.get("q"));
                      const found = await notes.find(query, { sort: { n: 1 } });
                      const docs = Array.isArray(found) ? found : found.documents;
                      return Response.json(docs.map(d => d._id));
                    }
                    if (url.pathname === "/api/inc") {
                      const updated = await notes.update({ _id: "a" }, { $inc: { n: 10 }, $set: { title: "A" }, $unset: { tag: true } });
                      return Response.json({ updated, doc: await notes.get("a"), count: await notes.count({ n: { $gt: 1 } }) });
                    }
                    return new Response("no", { status: 404 });
                  }
                };
                """);
        assertThat(call("notes", "POST", "/api/seed", "").statusCode()).isEqualTo(201);
        String[][] cases = {
            {"{\"tag\":\"x\"}", "[\"a\",\"c\"]"},
            {"{\"n\":{\"$eq\":2}}", "[\"b\"]"},
            {"{\"n\":{\"$ne\":2}}", "[\"a\",\"c\"]"},
            {"{\"n\":{\"$gt\":1}}", "[\"b\",\"c\"]"},
            {"{\"n\":{\"$gte\":2}}", "[\"b\",\"c\"]"},
            {"{\"n\":{\"$lt\":2}}", "[\"a\"]"},
            {"{\"n\":{\"$lte\":2}}", "[\"a\",\"b\"]"},
            {"{\"tag\":{\"$in\":[\"y\",\"z\"]}}", "[\"b\"]"},
            {"{\"tag\":{\"$nin\":[\"y\"]}}", "[\"a\",\"c\"]"},
            {"{\"extra\":{\"$exists\":true}}", "[\"c\"]"},
            {"{\"extra\":{\"$exists\":false}}", "[\"a\",\"b\"]"},
            {"{\"tags\":{\"$contains\":\"blue\"}}", "[\"a\",\"b\"]"},
        };
        for (String[] c : cases) {
            HttpResponse<byte[]> found =
                    edge.get("notes.localhost", "/api/find?q=" + URLEncoder.encode(c[0], StandardCharsets.UTF_8));
            assertThat(found.statusCode()).as(c[0] + " " + Edge.text(found)).isEqualTo(200);
            assertThat(Edge.jsonOf(found))
                    .as(c[0])
                    .isEqualTo(MessageCodec.INSTANCE.mapper().readTree(c[1]));
        }
        JsonNode inc = Edge.jsonOf(call("notes", "POST", "/api/inc", ""));
        assertThat(inc.get("doc").get("n").asInt()).isEqualTo(11);
        assertThat(inc.get("doc").get("title").asText()).isEqualTo("A");
        assertThat(inc.get("doc").has("tag")).isFalse();
        assertThat(inc.get("count").asInt()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void envVarsAndSecretsReachTheAppWithoutARedeployAndNeverShowInListingsOrLogs() throws Exception {
        edge.deployFiles("envy", "api/main.js", """
                module.exports = {
                  async fetch(request, env) {
                    return Response.json({ greeting: env.GREETING ?? null, secret: env.API_KEY ?? null });
                  }
                };
                """);
        assertThat(Edge.jsonOf(edge.get("envy.localhost", "/api/"))
                        .get("greeting")
                        .isNull())
                .isTrue();
        assertThat(edge.json("PUT", "/apps/envy/env/GREETING", "{\"value\":\"hello\",\"secret\":false}")
                        .statusCode())
                .isIn(200, 201);
        assertThat(edge.json("PUT", "/apps/envy/env/API_KEY", "{\"value\":\"" + SECRET + "\",\"secret\":true}")
                        .statusCode())
                .isIn(200, 201);
        JsonNode seen = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            seen = Edge.jsonOf(edge.get("envy.localhost", "/api/"));
            if (SECRET.equals(seen.get("secret").asText(null))
                    && "hello".equals(seen.get("greeting").asText(null))) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(seen.get("greeting").asText()).isEqualTo("hello");
        assertThat(seen.get("secret").asText()).isEqualTo(SECRET);

        String listing = Edge.text(edge.json("GET", "/apps/envy/env", null));
        assertThat(listing)
                .contains("GREETING")
                .contains("hello")
                .contains("API_KEY")
                .doesNotContain(SECRET);
        try (Stream<Path> logs = Files.list(suite.stack().home.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(SECRET);
            }
        }
        HttpResponse<byte[]> bad = edge.json("PUT", "/apps/envy/env/bad-name", "{\"value\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Edge.text(bad)).contains("bad-name");
    }

    @Test
    @Order(4)
    void aThrownErrorIsA500WithFileLineAndColumnAndTheNextRequestWorks() throws Exception {
        edge.deployFiles("oops", "api/main.js", """
                import { explode } from "./lib/boom.js";
                export default {
                  async fetch(request) {
                    if (new URL(request.url).pathname === "/api/boom") explode();
                    return new Response("fine");
                  }
                };
                """, "api/lib/boom.js", """
                export function explode() {
                  throw new TypeError("kaboom");
                }
                """);
        HttpResponse<byte[]> boom = edge.get("oops.localhost", "/api/boom");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Edge.jsonOf(boom).get("detail").asText()).contains("kaboom").contains("api/lib/boom.js:2");
        assertThat(Edge.text(edge.get("oops.localhost", "/api/ok"))).isEqualTo("fine");
    }

    @Test
    @Order(5)
    void limitsStopOneRequestAndLeaveTheAppAndOthersWorking() throws Exception {
        edge.deployFiles("hog", "api/main.js", """
                export default {
                  async fetch(request) {
                    const path = new URL(request.url).pathname;
                    if (path === "/api/loop") { while (true) {} }
                    if (path === "/api/hog") { const a = []; while (true) a.push(new Array(100000).fill(path)); }
                    if (path === "/api/deep") { const f = n => f(n + 1) + 1; return new Response(String(f(0))); }
                    return new Response("alive");
                  }
                };
                """);
        long started = System.nanoTime();
        HttpResponse<byte[]> loop = edge.get("hog.localhost", "/api/loop");
        // Whichever limit fires first stops it: the wall time (504) or, on a fast machine, the statement limit (500).
        assertThat(loop.statusCode()).as(Edge.text(loop)).isIn(500, 504);
        assertThat(Edge.jsonOf(loop).get("type").asText())
                .isIn(
                        "https://errors.fazt.dev/runtime/timeout",
                        "https://errors.fazt.dev/runtime/statement-limit",
                        "https://errors.fazt.dev/gateway/function-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(Edge.text(edge.get("hog.localhost", "/api/ok"))).isEqualTo("alive");

        HttpResponse<byte[]> hog = edge.get("hog.localhost", "/api/hog");
        assertThat(hog.statusCode()).as(Edge.text(hog)).isIn(500, 503, 504);
        assertThat(hog.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Edge.text(edge.get("hog.localhost", "/api/ok"))).isEqualTo("alive");

        HttpResponse<byte[]> deep = edge.get("hog.localhost", "/api/deep");
        assertThat(deep.statusCode()).isEqualTo(500);
        assertThat(Edge.text(deep)).containsIgnoringCase("stack");
        assertThat(Edge.text(edge.get("counter.localhost", "/"))).isEqualTo("<h1>counter</h1>");
        assertThat(Edge.text(edge.get("hog.localhost", "/api/ok"))).isEqualTo("alive");
    }

    @Test
    @Order(6)
    void outboundFetchRefusesPrivateLoopbackAndMetadataAddresses() throws Exception {
        edge.deployFiles("ssrf", "api/main.js", """
                export default {
                  async fetch(request) {
                    const target = new URL(request.url).searchParams.get("to");
                    try {
                      const r = await fetch(target, { signal: AbortSignal.timeout(2000) });
                      return new Response("fetched " + r.status);
                    } catch (e) {
                      return new Response("refused: " + e.message, { status: 502 });
                    }
                  }
                };
                """);
        for (String target : new String[] {
            "http://127.0.0.1:" + suite.stack().httpPort + "/",
            "http://[::1]/",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://localhost:" + suite.stack().httpPort + "/",
            "http://[::ffff:127.0.0.1]/"
        }) {
            HttpResponse<byte[]> r =
                    edge.get("ssrf.localhost", "/api/?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(target + ": " + Edge.text(r)).isEqualTo(502);
            assertThat(Edge.text(r)).as(target).startsWith("refused: ");
        }
    }

    @Test
    @Order(7)
    void oneAppCannotReachAnotherAppsDataOrGlobals() throws Exception {
        edge.deployFiles("alice", "api/main.js", """
                globalThis.aliceSecret = "alice-only";
                export default {
                  async fetch(request, env) {
                    await env.KV.put("private", "alice-kv");
                    await env.DB.collection("c").insert({ _id: "x", owner: "alice" });
                    await env.FILES.put("secret.txt", "alice-file");
                    return new Response("stored");
                  }
                };
                """);
        edge.deployFiles("mallory", "api/main.js", """
                export default {
                  async fetch(request, env) {
                    const file = await env.FILES.get("secret.txt");
                    return Response.json({
                      kv: await env.KV.get("private"),
                      doc: await env.DB.collection("c").get("x"),
                      count: await env.DB.collection("c").count({}),
                      file: file ? await file.text() : null,
                      global: globalThis.aliceSecret ?? null,
                    });
                  }
                };
                """);
        assertThat(Edge.text(edge.get("alice.localhost", "/api/"))).isEqualTo("stored");
        JsonNode seen = Edge.jsonOf(edge.get("mallory.localhost", "/api/"));
        assertThat(seen.get("kv").isNull()).as(seen.toString()).isTrue();
        assertThat(seen.get("doc").isNull()).as(seen.toString()).isTrue();
        assertThat(seen.get("count").asInt()).isZero();
        assertThat(seen.get("file").isNull()).as(seen.toString()).isTrue();
        assertThat(seen.get("global").isNull()).as(seen.toString()).isTrue();
    }

    @Test
    @Order(8)
    void aBundleWhoseServerCodeDoesNotParseIsRefusedAndTheLiveVersionKeepsServing() throws Exception {
        HttpResponse<byte[]> refused = edge.deploy(
                "oops",
                Bundles.zip(Bundles.files(
                        "api/main.js", "export default {\n  fetch() { return new Response('x') \n}}}\n")));
        assertThat(refused.statusCode()).as(Edge.text(refused)).isEqualTo(422);
        assertThat(Edge.jsonOf(refused).get("detail").asText()).contains("api/main.js:");
        assertThat(Edge.text(edge.get("oops.localhost", "/api/ok"))).isEqualTo("fine");
    }

    @Test
    @Order(9)
    void consoleOutputReachesTheAppLog() throws Exception {
        edge.deployFiles("chatty", "api/main.js", """
                export default {
                  async fetch(request) {
                    console.log("hello from chatty", 42);
                    console.error(new Error("bad thing"));
                    return new Response("logged");
                  }
                };
                """);
        assertThat(Edge.text(edge.get("chatty.localhost", "/api/"))).isEqualTo("logged");
        String logs = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!logs.contains("hello from chatty 42") && System.nanoTime() < deadline) {
            logs = Edge.text(edge.json("GET", "/apps/chatty/logs?since=10m", null));
            Thread.sleep(200);
        }
        assertThat(logs).contains("hello from chatty 42").contains("bad thing");
        HttpResponse<byte[]> metrics = edge.json("GET", "/apps/counter/metrics", null);
        assertThat(metrics.statusCode()).as(Edge.text(metrics)).isEqualTo(200);
    }

    private static Iterable<JsonNode> firstArray(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        for (JsonNode child : node) {
            if (child.isArray()) {
                return child;
            }
        }
        return List.of();
    }
}
