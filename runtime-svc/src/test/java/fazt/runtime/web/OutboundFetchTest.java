package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fazt.proto.runtime.HttpHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboundFetchTest {
    private HttpServer server;
    private String base;
    private int port;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    /** Allows the test server's loopback host only, as an admin allow-list would. */
    private final OutboundFetch fetch = new OutboundFetch(Set.of("127.0.0.1"), Duration.ofMillis(1500), 1000);

    private final OutboundFetch strict = new OutboundFetch(Set.of(), Duration.ofSeconds(2), 1000);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        server.createContext("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            seen.put("method", ex.getRequestMethod());
            seen.put("x-test", String.valueOf(ex.getRequestHeaders().getFirst("X-Test")));
            seen.put("authorization", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            seen.put("content-type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
            ex.getResponseHeaders().add("Set-Cookie", "a=1");
            ex.getResponseHeaders().add("Set-Cookie", "b=2");
            respond(
                    ex,
                    200,
                    (ex.getRequestMethod() + " " + new String(body, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/big", ex -> respond(ex, 200, new byte[2000]));
        server.createContext("/chunked-big", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked
            for (int i = 0; i < 20; i++) {
                ex.getResponseBody().write(new byte[100]);
                ex.getResponseBody().flush();
            }
            ex.close();
        });
        server.createContext("/chunked", ex -> {
            ex.sendResponseHeaders(201, 0);
            ex.getResponseBody().write("hello ".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            ex.getResponseBody().write("chunks".getBytes(StandardCharsets.UTF_8));
            ex.close();
        });
        server.createContext("/gzip", ex -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write("zipped text".getBytes(StandardCharsets.UTF_8));
            }
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            respond(ex, 200, out.toByteArray());
        });
        server.createContext("/bomb", ex -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(new byte[100_000]);
            }
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            respond(ex, 200, out.toByteArray());
        });
        server.createContext("/slow", ex -> {
            // never answers while the test runs: the only way the fetch can end is its own deadline
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, new byte[0]);
        });
        server.createContext("/redirect", ex -> {
            String q = ex.getRequestURI().getQuery();
            int status = Integer.parseInt(q.substring(0, 3));
            ex.getResponseHeaders().add("Location", q.substring(4));
            respond(ex, status, new byte[0]);
        });
        server.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            respond(ex, 302, new byte[0]);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private static OutboundRequest get(String url) {
        return new OutboundRequest("GET", url, List.of(), null, OutboundRequest.Redirect.FOLLOW);
    }

    private static String text(OutboundResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsMethodHeadersAndBodyAndReadsTheResponse() throws Exception {
        OutboundResponse r = fetch.send(
                new OutboundRequest(
                        "POST",
                        base + "/echo?x=1",
                        List.of(new HttpHeader("x-test", "yes"), new HttpHeader("content-type", "text/plain")),
                        "payload".getBytes(StandardCharsets.UTF_8),
                        OutboundRequest.Redirect.FOLLOW),
                new FetchBudget(5));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.statusText()).isEqualTo("OK");
        assertThat(text(r)).isEqualTo("POST payload");
        assertThat(seen).containsEntry("x-test", "yes").containsEntry("content-type", "text/plain");
        assertThat(r.headers())
                .filteredOn(h -> h.name().equals("set-cookie"))
                .extracting(HttpHeader::value)
                .containsExactly("a=1", "b=2");
        assertThat(r.redirected()).isFalse();
        assertThat(r.url()).isEqualTo(base + "/echo?x=1");
    }

    @Test
    void readsChunkedAndGzipBodies() throws Exception {
        OutboundResponse chunked = fetch.send(get(base + "/chunked"), new FetchBudget(5));
        assertThat(chunked.status()).isEqualTo(201);
        assertThat(text(chunked)).isEqualTo("hello chunks");
        assertThat(text(fetch.send(get(base + "/gzip"), new FetchBudget(5)))).isEqualTo("zipped text");
    }

    @Test
    void capsTheResponseSizeWhateverTheFraming() {
        for (String path : List.of("/big", "/chunked-big", "/bomb")) {
            assertThatThrownBy(() -> fetch.send(get(base + path), new FetchBudget(5)))
                    .isInstanceOf(FetchException.class)
                    .hasMessage("fetch to 127.0.0.1 failed: response body exceeds the limit of 1000 bytes");
        }
    }

    @Test
    void sendAsyncCompletesOnTheExecutor() throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(text(fetch.sendAsync(get(base + "/echo"), new FetchBudget(1), executor)
                            .get()))
                    .isEqualTo("GET ");
            assertThatThrownBy(() -> strict.sendAsync(get("http://10.0.0.1/"), new FetchBudget(1), executor)
                            .join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(FetchException.class)
                    .hasMessage("fetch to 10.0.0.1 refused: private address");
        }
    }

    @Test
    void timesOut() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetch.send(get(base + "/slow"), new FetchBudget(5)))
                .hasMessage("fetch to 127.0.0.1 timed out after 1500 ms");
        // ended by the 1.5 s deadline, long before the server would answer (generous for a loaded machine)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void countsFetchesAgainstTheBudget() throws Exception {
        FetchBudget budget = new FetchBudget(2);
        fetch.send(get(base + "/echo"), budget);
        fetch.send(get(base + "/echo"), budget);
        assertThatThrownBy(() -> fetch.send(get(base + "/echo"), budget))
                .hasMessage("fetch refused: this invocation already made its 2 outbound fetches");
        assertThat(budget.used()).isEqualTo(2);
    }

    @Test
    void followsRedirectsAndRewritesMethodLikeFetch() throws Exception {
        OutboundResponse r = fetch.send(
                new OutboundRequest(
                        "POST",
                        base + "/redirect?303,/echo",
                        List.of(),
                        "x".getBytes(StandardCharsets.UTF_8),
                        OutboundRequest.Redirect.FOLLOW),
                new FetchBudget(5));
        assertThat(text(r)).isEqualTo("GET ");
        assertThat(r.redirected()).isTrue();
        assertThat(r.url()).isEqualTo(base + "/echo");
        OutboundResponse kept = fetch.send(
                new OutboundRequest(
                        "POST",
                        base + "/redirect?307,/echo",
                        List.of(),
                        "x".getBytes(StandardCharsets.UTF_8),
                        OutboundRequest.Redirect.FOLLOW),
                new FetchBudget(5));
        assertThat(text(kept)).isEqualTo("POST x");
    }

    @Test
    void manualAndErrorRedirectModes() throws Exception {
        OutboundResponse manual = fetch.send(
                new OutboundRequest(
                        "GET", base + "/redirect?302,/echo", List.of(), null, OutboundRequest.Redirect.MANUAL),
                new FetchBudget(5));
        assertThat(manual.status()).isEqualTo(302);
        assertThat(manual.headers()).contains(new HttpHeader("location", "/echo"));
        assertThatThrownBy(() -> fetch.send(
                        new OutboundRequest(
                                "GET", base + "/redirect?302,/echo", List.of(), null, OutboundRequest.Redirect.ERROR),
                        new FetchBudget(5)))
                .hasMessage("fetch to 127.0.0.1 failed: redirect (302) while the request's redirect mode is \"error\"");
    }

    @Test
    void stopsAfterTwentyRedirects() {
        assertThatThrownBy(() -> fetch.send(get(base + "/loop"), new FetchBudget(5)))
                .hasMessage("fetch to 127.0.0.1 failed: more than 20 redirects");
    }

    @Test
    void dropsCredentialsOnACrossOriginRedirect() throws Exception {
        OutboundFetch both = new OutboundFetch(Set.of("127.0.0.1", "localhost"), Duration.ofSeconds(2), 1000);
        both.send(
                new OutboundRequest(
                        "GET",
                        base + "/redirect?302,http://localhost:" + port + "/echo",
                        List.of(new HttpHeader("authorization", "Bearer secret")),
                        null,
                        OutboundRequest.Redirect.FOLLOW),
                new FetchBudget(5));
        assertThat(seen).containsEntry("authorization", "null");
        both.send(
                new OutboundRequest(
                        "GET",
                        base + "/redirect?302,/echo",
                        List.of(new HttpHeader("authorization", "Bearer secret")),
                        null,
                        OutboundRequest.Redirect.FOLLOW),
                new FetchBudget(5));
        assertThat(seen).containsEntry("authorization", "Bearer secret");
    }

    @Test
    void refusesARedirectToAForbiddenAddress() {
        OutboundFetch viaName = new OutboundFetch(Set.of("localhost"), Duration.ofSeconds(2), 1000);
        assertThatThrownBy(() -> viaName.send(
                        get("http://localhost:" + port + "/redirect?302,http://127.0.0.1:" + port + "/echo"),
                        new FetchBudget(5)))
                .hasMessage("fetch to 127.0.0.1 refused: loopback address");
        assertThat(seen).doesNotContainKey("method");
    }

    @Test
    void rejectsHeaderInjection() {
        assertThatThrownBy(() -> fetch.send(
                        new OutboundRequest(
                                "GET",
                                base + "/echo",
                                List.of(new HttpHeader("x-test", "a\r\nX-Evil: 1")),
                                null,
                                OutboundRequest.Redirect.FOLLOW),
                        new FetchBudget(5)))
                .hasMessage("fetch failed: invalid header x-test");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://127.0.0.1/ | fetch to 127.0.0.1 refused: loopback address",
                "http://[::1]/ | fetch to ::1 refused: loopback address",
                "http://10.0.0.1/ | fetch to 10.0.0.1 refused: private address",
                "http://192.168.0.10:8080/ | fetch to 192.168.0.10 refused: private address",
                "http://169.254.169.254/latest/meta-data/ | fetch to 169.254.169.254 refused: cloud metadata address",
                "http://[::ffff:127.0.0.1]/ | fetch to ::ffff:127.0.0.1 refused: loopback address",
                "http://[::ffff:a9fe:a9fe]/ | fetch to ::ffff:a9fe:a9fe refused: cloud metadata address",
                "http://[fd00:ec2::254]/ | fetch to fd00:ec2::254 refused: cloud metadata address",
                "http://[fe80::1]/ | fetch to fe80::1 refused: link-local address",
                "http://0.0.0.0/ | fetch to 0.0.0.0 refused: unspecified address",
                "http://100.64.1.1/ | fetch to 100.64.1.1 refused: carrier-grade NAT address",
                "http://224.0.0.1/ | fetch to 224.0.0.1 refused: multicast address",
                "http://metadata.google.internal/computeMetadata/v1/ | fetch to metadata.google.internal refused: cloud metadata host",
                "http://localhost/ | fetch to localhost refused: loopback address 127.0.0.1",
                "https://127.0.0.1/ | fetch to 127.0.0.1 refused: loopback address",
                "ftp://example.com/ | fetch failed: scheme \"ftp\" is not supported (only http and https)",
                "file:///etc/passwd | fetch failed: scheme \"file\" is not supported (only http and https)",
            })
    void refusesForbiddenAddresses(String url, String message) {
        assertThatThrownBy(() -> strict.send(get(url), new FetchBudget(5)))
                .isInstanceOf(FetchException.class)
                .hasMessage(message);
    }

    @Test
    void checksTheAddressTheNameResolvesTo() {
        // a DNS name under the attacker's control answering with a private address (rebinding)
        OutboundFetch rebinding = new OutboundFetch(
                Set.of(), Duration.ofSeconds(2), 1000, host -> new InetAddress[] {InetAddress.getByName("10.1.2.3")});
        assertThatThrownBy(() -> rebinding.send(get("http://rebind.example.com/"), new FetchBudget(5)))
                .hasMessage("fetch to rebind.example.com refused: private address 10.1.2.3");
    }

    @Test
    void refusesWhenEveryResolvedAddressIsForbiddenAfterOneLookup() {
        // one lookup per hop: the addresses checked are the addresses connected to
        int[] lookups = {0};
        OutboundFetch mixed = new OutboundFetch(Set.of(), Duration.ofSeconds(2), 1000, host -> {
            lookups[0]++;
            return new InetAddress[] {InetAddress.getByName("10.0.0.1"), InetAddress.getByName("192.0.2.1")};
        });
        assertThatThrownBy(() -> mixed.send(get("http://mixed.example.com/"), new FetchBudget(5)))
                .hasMessage("fetch to mixed.example.com refused: private address 10.0.0.1");
        assertThat(lookups[0]).isEqualTo(1);
    }
}
