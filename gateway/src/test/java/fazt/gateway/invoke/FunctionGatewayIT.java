package fazt.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.gateway.GatewayService;
import fazt.gateway.edge.EdgeServer;
import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Function requests through the real gateway over real NATS, with {@link FakeRuntime} playing runtime-svc and a small
 * responder playing deploy-svc's site lookup ({@code fn} has server code, {@code plain} does not).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionGatewayIT {
    static final int TIMEOUT_MS = 5000;

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new GatewayService())
            .with("FAZT_FUNCTION_TIMEOUT_MS", Integer.toString(TIMEOUT_MS))
            .with("FAZT_FUNCTION_MAX_BODY_MB", "12");

    private static Connection nats;
    private static Dispatcher deploy;
    private static FakeRuntime runtime;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        nats = suite.nats().connect();
        deploy = nats.createDispatcher();
        deploy.subscribe(suite.nats().root().qualify(DeploySubjects.SITE_GET), "deploy", message -> {
            String name = MessageCodec.INSTANCE
                    .decode(message.getData(), SiteRequest.class)
                    .name();
            SiteReply site =
                    switch (name) {
                        case "fn", "fn2", "plain" ->
                            new SiteReply(
                                    true,
                                    "app_" + name,
                                    name,
                                    2,
                                    "ns_" + name,
                                    null,
                                    null,
                                    null,
                                    Instant.now(),
                                    !name.equals("plain"));
                        default -> SiteReply.notFound();
                    };
            Headers headers = new Headers();
            headers.put(FaztHeaders.TYPE, MessageCodec.typeId(SiteReply.class));
            nats.publish(message.getReplyTo(), headers, MessageCodec.INSTANCE.encode(site));
        });
        runtime = new FakeRuntime(nats, suite.nats().root());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        runtime.close();
        nats.close();
    }

    private static int port() {
        return suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .port();
    }

    private static HttpRequest.Builder request(String path) {
        return request(path, "fn.localhost");
    }

    private static HttpRequest.Builder request(String path, String host) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Host", host)
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode problem(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    @Test
    @Order(1)
    void aSmallAnswerComesBackWithTheAppsHeadersAndARequestId() throws Exception {
        HttpResponse<byte[]> response = send(request("/api/hello?x=1").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello GET");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("content-length")).hasValue("9");
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        assertThat(response.headers().firstValue("x-seen-request-id")).hasValue(id);
        assertThat(response.headers().firstValue("connection")).isNotEqualTo(Optional.of("upgrade"));
        var invoked = runtime.seen.getLast();
        assertThat(invoked.appId()).isEqualTo("app_fn");
        assertThat(invoked.namespace()).isEqualTo("ns_fn");
        assertThat(invoked.version()).isEqualTo(2);
        assertThat(invoked.url()).isEqualTo("http://fn.localhost/api/hello?x=1");
        assertThat(invoked.trigger()).isEqualTo("http");
        assertThat(invoked.timeoutMillis()).isEqualTo(TIMEOUT_MS);
        assertThat(invoked.headers())
                .anySatisfy(h -> assertThat(h.name() + "=" + h.value()).isEqualTo("X-Request-Id=" + id));
    }

    @Test
    @Order(2)
    void aValidIncomingRequestIdIsPassedThroughAndABadOneReplaced() throws Exception {
        HttpResponse<byte[]> given =
                send(request("/api/hello").header("X-Request-Id", "abc-123.x:y").build());
        assertThat(given.headers().firstValue("x-request-id")).hasValue("abc-123.x:y");
        assertThat(runtime.seen.getLast().requestId()).isEqualTo("abc-123.x:y");
        String tooLong = "a".repeat(129);
        HttpResponse<byte[]> replaced =
                send(request("/api/hello").header("X-Request-Id", tooLong).build());
        assertThat(replaced.headers().firstValue("x-request-id"))
                .isPresent()
                .get()
                .isNotEqualTo(tooLong);
        HttpResponse<byte[]> unsafe =
                send(request("/api/hello").header("X-Request-Id", "a b<script>").build());
        assertThat(unsafe.headers().firstValue("x-request-id"))
                .isPresent()
                .get()
                .isNotEqualTo("a b<script>");
    }

    @Test
    @Order(3)
    void headIsAnsweredWithoutABody() throws Exception {
        HttpResponse<byte[]> response = send(request("/api/hello")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("content-length")).hasValue("10");
        assertThat(runtime.seen.getLast().method()).isEqualTo("HEAD");
    }

    @Test
    @Order(4)
    void tenMegabytesGoUpAndComeBackIntact() throws Exception {
        byte[] body = FakeRuntime.seeded(10 * 1024 * 1024 + 5);
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(request("/api/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("function echo: 10 MB up and down in %d ms%n", ms);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-sha256")).hasValue(FakeRuntime.sha256(body));
        assertThat(FakeRuntime.sha256(response.body())).isEqualTo(FakeRuntime.sha256(body));
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        var invoked = runtime.seen.getLast();
        assertThat(invoked.body()).hasSize(256 * 1024);
        assertThat(invoked.bodyStream()).isNotNull();
        assertThat(invoked.bodyLength()).isEqualTo(body.length);
    }

    @Test
    @Order(5)
    void tenMegabytesComeDownInChunks() throws Exception {
        HttpResponse<byte[]> response = send(request("/api/big?mb=10").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(10 * 1024 * 1024);
        assertThat(FakeRuntime.sha256(response.body()))
                .isEqualTo(response.headers().firstValue("x-sha256").orElseThrow());
        assertThat(runtime.held.getLast().done().get(2, TimeUnit.SECONDS))
                .isEqualTo(BodyStreamHolder.Outcome.COMPLETED);
    }

    @Test
    @Order(6)
    void aBodyPastTheLimitIs413() throws Exception {
        HttpResponse<byte[]> declared = send(request("/api/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[13 * 1024 * 1024]))
                .build());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(problem(declared).get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/body-too-large");
        // without a declared length the limit is found while streaming, after the function started pulling
        HttpResponse<byte[]> streamed = send(request("/api/echo")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[13 * 1024 * 1024])))
                .build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(send(request("/api/hello").build()).statusCode()).isEqualTo(200);
        // the refused body was read off, so the same connection carries the next request
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/echo HTTP/1.1\r\nHost: fn.localhost\r\nContent-Length: " + 13 * 1024 * 1024
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[13 * 1024 * 1024]);
            out.write("GET /api/hello HTTP/1.1\r\nHost: fn.localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all)
                    .startsWith("HTTP/1.1 413 ")
                    .contains("HTTP/1.1 200 OK")
                    .endsWith("hello GET");
        }
    }

    @Test
    @Order(7)
    void aRuntimeProblemIsPassedThroughWithItsStatus() throws Exception {
        HttpResponse<byte[]> response = send(request("/api/problem").build());
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode problem = problem(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://errors.fazt.dev/runtime/app-error");
        assertThat(problem.get("detail").asText()).contains("api/main.js:4:9");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/problem");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    @Order(8)
    void aFunctionPastItsDeadlineIs504AndTheGatewayStaysUp() throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(request("/api/slow").build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/function-timeout");
        assertThat(ms).isBetween((long) TIMEOUT_MS, TIMEOUT_MS + 3000L);
        assertThat(send(request("/api/hello").build()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void aGetWhoseInstanceDiedBeforeRunningItIsRetriedOnceButARequestIdNeverTwice() throws Exception {
        HttpResponse<byte[]> response =
                send(request("/api/vanish").header("X-Request-Id", "vanish-get").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello GET");
        assertThat(runtime.attempts.get("vanish-get")).hasValue(2);

        // the same request id again, and its instance dies again before running it: not sent a fourth time
        HttpResponse<byte[]> again =
                send(request("/api/vanish").header("X-Request-Id", "vanish-get").build());
        assertThat(again.statusCode()).isEqualTo(503);
        assertThat(problem(again).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-instance-lost");
        assertThat(runtime.attempts.get("vanish-get")).hasValue(3);
        // it had not started there: no cool-down for the route
        assertThat(send(request("/api/vanish")
                                .header("X-Request-Id", "vanish-other")
                                .build())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(10)
    void aGetRunningOnAnInstanceThatDiesIsNotRetriedAndItsRouteCoolsDown() throws Exception {
        Subscription appLog = nats.subscribe(suite.nats().root().qualify(RuntimeSubjects.appLog("app_fn")));
        nats.flush(Duration.ofSeconds(2));
        HttpResponse<byte[]> response =
                send(request("/api/flaky").header("X-Request-Id", "flaky-get").build());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-instance-lost");
        assertThat(response.headers().firstValue("retry-after")).hasValue("30");
        assertThat(runtime.attempts.get("flaky-get")).hasValue(1);

        // the app's log says what happened
        Message line = appLog.nextMessage(Duration.ofSeconds(5));
        assertThat(line).as("a line in the app's log").isNotNull();
        AppLogLine logged = MessageCodec.INSTANCE.decode(line.getData(), AppLogLine.class);
        assertThat(logged.requestId()).isEqualTo("flaky-get");
        assertThat(logged.level()).isEqualTo("error");
        assertThat(logged.message())
                .startsWith("gateway/runtime-instance-lost:")
                .contains("GET /api/flaky");
        appLog.unsubscribe();

        // the route cools down: answered at once, the runtime never sees it
        HttpResponse<byte[]> cooling =
                send(request("/api/flaky").header("X-Request-Id", "flaky-get-2").build());
        assertThat(cooling.statusCode()).isEqualTo(503);
        assertThat(problem(cooling).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/route-cooling-down");
        assertThat(Long.parseLong(cooling.headers().firstValue("retry-after").orElseThrow()))
                .isBetween(1L, 30L);
        assertThat(runtime.attempts).doesNotContainKey("flaky-get-2");

        // other routes of the app, and other apps, are not touched
        assertThat(send(request("/api/hello").build()).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/flaky", "fn2.localhost")
                                .header("X-Request-Id", "flaky-other-app")
                                .build())
                        .statusCode())
                .isEqualTo(503);
        assertThat(runtime.attempts.get("flaky-other-app")).hasValue(1);
    }

    @Test
    @Order(11)
    void aPostWhoseInstanceDiesFailsFastWithoutARetry() throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(request("/api/flaky-post")
                .header("X-Request-Id", "flaky-post")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-instance-lost");
        assertThat(runtime.attempts.get("flaky-post")).hasValue(1);
        // the heartbeat timeout, not the deadline (TIMEOUT_MS + grace) nor a hang
        assertThat(ms).isLessThan(3500 + 1500);
    }

    @Test
    @Order(12)
    void aResponseWithAHeaderNoHttpAllowsIsA502() throws Exception {
        HttpResponse<byte[]> response = send(request("/api/badheader").build());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("set-cookie")).isEmpty();
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/bad-function-response");
    }

    @Test
    @Order(13)
    void aClientLeavingMidStreamStopsThePullsAndCancelsTheStream() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.getOutputStream()
                    .write("GET /api/endless HTTP/1.1\r\nHost: fn.localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(600_000)).hasSize(600_000);
        }
        var stream = runtime.held.getLast();
        // cancelled by the gateway when the connection closed, not abandoned after the holder's idle time
        assertThat(stream.done().get(5, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.CANCELLED);
        int pulls = runtime.endlessPulls.get();
        Thread.sleep(300);
        assertThat(runtime.endlessPulls.get()).isEqualTo(pulls);
        assertThat(pulls).isLessThan(40); // paced by the socket, not read ahead without bound
    }

    @Test
    @Order(14)
    void pathsOutsideApiStayStaticAndAnAppWithoutServerCodeHasNothingUnderApi() throws Exception {
        int before = runtime.seen.size();
        HttpResponse<byte[]> post = send(request("/api/hello", "plain.localhost")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        assertThat(post.statusCode()).isEqualTo(404);
        HttpResponse<byte[]> outside = send(request("/apix/hello")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        assertThat(outside.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> platform = send(request("/_fazt/nothing").build());
        assertThat(platform.statusCode()).isEqualTo(404);
        assertThat(runtime.seen).hasSize(before);
    }

    @Test
    @Order(20)
    void withNoRuntimeRunningItIs503WithRetryAfterAtOnce() throws Exception {
        runtime.close();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(request("/api/hello").build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("5");
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-unavailable");
        assertThat(ms).isLessThan(1000);
        runtime = new FakeRuntime(nats, suite.nats().root());
        nats.flush(Duration.ofSeconds(2)); // the new subscription is on the server
        assertThat(send(request("/api/hello").build()).statusCode()).isEqualTo(200);
    }
}
