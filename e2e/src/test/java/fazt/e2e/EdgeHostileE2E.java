package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The edge against hostile clients (issue #11, ADR 19), over raw sockets against a one-JVM suite: the table of
 * {@link PathCases} (with its {@code /_fazt/} spellings), {@link HostCases}, {@link FramingCases} and
 * {@link BodyCases}. After every case the answer never holds the app's server source, is well-formed HTTP (a refusal
 * is problem+json with a {@code type}), and the app still serves its index on a fresh connection; after all of them
 * the gateway's memory is bounded and no unauthenticated body reached storage. Then the per-client connection cap,
 * set low here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeHostileE2E {
    static final String MARKER = "SERVER-SOURCE-" + UUID.randomUUID();
    static final int PER_CLIENT = 8;
    /** Generous: the JVM may grow its heap to its -Xmx under this load, but not hold on to request bodies. */
    static final long RSS_GROWTH_BOUND_KIB = 300 * 1024;

    @RegisterExtension
    static final RunningStack suite =
            RunningStack.oneJvm().env("FAZT_HTTP_MAX_CONNECTIONS_PER_CLIENT", Integer.toString(PER_CLIENT));

    @BeforeAll
    static void deployAnAppWithServerCode() throws Exception {
        suite.edge()
                .deployFiles(
                        "app",
                        "index.html",
                        PathCases.INDEX,
                        "a.txt",
                        "A",
                        "b.txt",
                        "B",
                        "api/main.js",
                        "// " + MARKER + "\n" + """
                        export default {
                          async fetch(request) {
                            return new Response('{"from":"function","ok":true}',
                                { headers: { "content-type": "application/json" } });
                          }
                        };
                        """,
                        "api/lib.js",
                        "// " + MARKER + "\nexport const secret = \"" + MARKER + "\";\n");
        assertAppServes();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> hostileRequests() throws Exception {
        int port = suite.stack().httpPort;
        List<HostileCase> cases = new ArrayList<>(PathCases.cases(port));
        cases.addAll(PathCases.platformCases());
        cases.addAll(HostCases.cases(port));
        cases.addAll(FramingCases.cases());
        cases.addAll(BodyCases.cases());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        System.out.println("edge-hostile: " + cases.size() + " cases");
        long rssBefore = gatewayRssKib();
        long storedBefore = storedRows();
        return Stream.concat(
                cases.stream().map(c -> dynamicTest(c.name(), () -> check(c, port))),
                Stream.of(
                        dynamicTest("the gateway's memory stays bounded", () -> {
                            long rssAfter = gatewayRssKib();
                            System.out.printf(
                                    "edge-hostile: gateway RSS before %d MiB, after %d cases %d MiB%n",
                                    rssBefore / 1024, cases.size(), rssAfter / 1024);
                            assertThat(rssAfter).isLessThan(rssBefore + RSS_GROWTH_BOUND_KIB);
                        }),
                        dynamicTest("no unauthenticated body was stored", () -> assertThat(storedRows())
                                .as("blob, blob_chunk and upload rows")
                                .isLessThanOrEqualTo(storedBefore))));
    }

    static void check(HostileCase c, int port) throws Exception {
        HostileCase.Outcome outcome = c.probe().run(port);
        String context = "case: " + c.name() + "\nsent: " + c.sentForReport() + "\nexpected: "
                + c.expect().text() + "\ngot: " + outcome;
        assertThat(new String(outcome.raw(), StandardCharsets.ISO_8859_1))
                .as("SERVER SOURCE RETURNED; " + context)
                .doesNotContain(MARKER);
        for (RawHttp.Response response : outcome.responses()) {
            assertWellFormed(response, context);
        }
        assertThat(c.expect().test().test(outcome))
                .as("unexpected outcome; " + context)
                .isTrue();
        assertAppServes();
    }

    static void assertWellFormed(RawHttp.Response response, String context) throws IOException {
        assertThat(response.statusLine()).as("malformed; " + context).matches("HTTP/1\\.[01] [1-5]\\d\\d( .*)?");
        int status = response.status();
        boolean problem = response.header("content-type").startsWith("application/problem+json");
        if (status >= 400 && status != 404) {
            assertThat(problem).as("a refusal is problem+json; " + context).isTrue();
        }
        if (problem && response.body().length > 0) {
            JsonNode body = MessageCodec.INSTANCE.mapper().readTree(response.body());
            assertThat(body.path("type").asText())
                    .as("problem without a type; " + context)
                    .startsWith("https://errors.fazt.dev/");
        }
    }

    static void assertAppServes() throws IOException {
        try (RawHttp http = RawHttp.connect(suite.stack().httpPort)) {
            RawHttp.Response index =
                    http.send("GET / HTTP/1.1\r\nHost: app.localhost\r\n\r\n").read(false);
            assertThat(index).as("GET / after the case").isNotNull();
            assertThat(index.status()).as("GET / after the case: %s", index).isEqualTo(200);
            assertThat(index.text()).isEqualTo(PathCases.INDEX);
        }
    }

    @Test
    @Order(2)
    void theConnectionOverThePerClientCapIs429AndAnotherAddressStillGetsIn() throws Exception {
        // 127.0.0.3 is this test's alone: the other tests' connections from 127.0.0.1 do not count against it.
        InetAddress crowded = InetAddress.getByName("127.0.0.3");
        int port = suite.stack().httpPort;
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CLIENT; i++) {
                RawHttp http = RawHttp.connect(port, crowded);
                held.add(http);
                RawHttp.Response a = http.send(BodyCases.A).read(false);
                assertThat(a).as("connection %d of %d", i + 1, PER_CLIENT).isNotNull();
                assertThat(a.text()).isEqualTo("A");
            }
            try (RawHttp over = RawHttp.connect(port, crowded)) {
                RawHttp.Response refused = over.read(false, 5_000);
                if (refused == null && !over.closed()) {
                    refused = over.send(BodyCases.A).read(false);
                }
                String raw = new String(over.received(), StandardCharsets.ISO_8859_1);
                assertThat(raw)
                        .as("the answer to connection %d", PER_CLIENT + 1)
                        .startsWith("HTTP/1.1 429");
                assertWellFormed(refused, raw);
                assertThat(refused.header("connection")).isEqualToIgnoringCase("close");
                assertThat(over.closesWithin(5_000)).as("closed after the 429").isTrue();
            }
            try (RawHttp other = RawHttp.connect(port, InetAddress.getByName("127.0.0.2"))) {
                RawHttp.Response a = other.send(BodyCases.A).read(false);
                assertThat(a).isNotNull();
                assertThat(a.status()).isEqualTo(200);
            }
        } finally {
            for (RawHttp http : held) {
                http.close();
            }
        }
        // Once they are closed, the address gets in again (the gateway notices the closes asynchronously).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            try (RawHttp again = RawHttp.connect(port, crowded)) {
                RawHttp.Response a = again.send(BodyCases.A).read(false);
                status = a == null ? -1 : a.status();
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }

    /** The gateway's resident set in KiB (in one JVM, the whole suite's process). */
    static long gatewayRssKib() throws IOException {
        return rssKib(Long.parseLong(
                Files.readString(suite.stack().home.resolve("run/gateway.pid")).trim()));
    }

    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** Rows of storage's blobs, their chunks and open uploads: an unauthenticated body stored would add some. */
    static long storedRows() throws Exception {
        try (Connection db = suite.stack().postgres.connect();
                ResultSet rows = db.createStatement()
                        .executeQuery(
                                "SELECT (SELECT count(*) FROM storage.blob)"
                                        + " + (SELECT count(*) FROM storage.blob_chunk) + (SELECT count(*) FROM storage.upload)")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
