package fazt.gateway.invoke;

import static fazt.gateway.invoke.FunctionGatewayFixture.TIMEOUT_MS;
import static fazt.gateway.invoke.FunctionGatewayFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.bodystream.BodyStreamHolder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    @RegisterExtension
    static final FunctionGatewayFixture fn = new FunctionGatewayFixture();

    @Test
    @Order(1)
    void aSmallAnswerComesBackWithTheAppsHeadersAndARequestId() throws Exception {
        HttpResponse<byte[]> response = fn.send(fn.request("/api/hello?x=1").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello GET");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("content-length")).hasValue("9");
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        assertThat(response.headers().firstValue("x-seen-request-id")).hasValue(id);
        assertThat(response.headers().firstValue("connection")).isNotEqualTo(Optional.of("upgrade"));
        var invoked = fn.runtime().seen.getLast();
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
        HttpResponse<byte[]> given = fn.send(
                fn.request("/api/hello").header("X-Request-Id", "abc-123.x:y").build());
        assertThat(given.headers().firstValue("x-request-id")).hasValue("abc-123.x:y");
        assertThat(fn.runtime().seen.getLast().requestId()).isEqualTo("abc-123.x:y");
        String tooLong = "a".repeat(129);
        HttpResponse<byte[]> replaced =
                fn.send(fn.request("/api/hello").header("X-Request-Id", tooLong).build());
        assertThat(replaced.headers().firstValue("x-request-id"))
                .isPresent()
                .get()
                .isNotEqualTo(tooLong);
        HttpResponse<byte[]> unsafe = fn.send(
                fn.request("/api/hello").header("X-Request-Id", "a b<script>").build());
        assertThat(unsafe.headers().firstValue("x-request-id"))
                .isPresent()
                .get()
                .isNotEqualTo("a b<script>");
    }

    @Test
    @Order(3)
    void headIsAnsweredWithoutABody() throws Exception {
        HttpResponse<byte[]> response = fn.send(fn.request("/api/hello")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("content-length")).hasValue("10");
        assertThat(fn.runtime().seen.getLast().method()).isEqualTo("HEAD");
    }

    @Test
    @Order(4)
    void tenMegabytesGoUpAndComeBackIntact() throws Exception {
        byte[] body = FakeRuntime.seeded(10 * 1024 * 1024 + 5);
        long started = System.nanoTime();
        HttpResponse<byte[]> response = fn.send(fn.request("/api/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("function echo: 10 MB up and down in %d ms%n", ms);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-sha256")).hasValue(FakeRuntime.sha256(body));
        assertThat(FakeRuntime.sha256(response.body())).isEqualTo(FakeRuntime.sha256(body));
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        var invoked = fn.runtime().seen.getLast();
        assertThat(invoked.body()).hasSize(256 * 1024);
        assertThat(invoked.bodyStream()).isNotNull();
        assertThat(invoked.bodyLength()).isEqualTo(body.length);
    }

    @Test
    @Order(5)
    void tenMegabytesComeDownInChunks() throws Exception {
        HttpResponse<byte[]> response = fn.send(fn.request("/api/big?mb=10").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(10 * 1024 * 1024);
        assertThat(FakeRuntime.sha256(response.body()))
                .isEqualTo(response.headers().firstValue("x-sha256").orElseThrow());
        assertThat(fn.runtime().held.getLast().done().get(10, TimeUnit.SECONDS))
                .isEqualTo(BodyStreamHolder.Outcome.COMPLETED);
    }

    @Test
    @Order(6)
    void aBodyPastTheLimitIs413() throws Exception {
        HttpResponse<byte[]> declared = fn.send(fn.request("/api/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[13 * 1024 * 1024]))
                .build());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(problem(declared).get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/body-too-large");
        // without a declared length the limit is found while streaming, after the function started pulling
        HttpResponse<byte[]> streamed = fn.send(fn.request("/api/echo")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[13 * 1024 * 1024])))
                .build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(fn.send(fn.request("/api/hello").build()).statusCode()).isEqualTo(200);
        // the refused body was read off, so the same connection carries the next request
        try (Socket socket = new Socket("127.0.0.1", fn.port())) {
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
        HttpResponse<byte[]> response = fn.send(fn.request("/api/problem").build());
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
        HttpResponse<byte[]> response = fn.send(fn.request("/api/slow").build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/function-timeout");
        // the gateway's deadline answered (its own type), and not before the deadline; how late is the machine's
        System.out.printf("function timeout: answered after %d ms (deadline %d ms)%n", ms, TIMEOUT_MS);
        assertThat(ms).isGreaterThanOrEqualTo(TIMEOUT_MS);
        assertThat(fn.send(fn.request("/api/hello").build()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(12)
    void aResponseWithAHeaderNoHttpAllowsIsA502() throws Exception {
        HttpResponse<byte[]> response = fn.send(fn.request("/api/badheader").build());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("set-cookie")).isEmpty();
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/bad-function-response");
    }

    @Test
    @Order(13)
    void aClientLeavingMidStreamStopsThePullsAndCancelsTheStream() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fn.port())) {
            socket.getOutputStream()
                    .write("GET /api/endless HTTP/1.1\r\nHost: fn.localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(600_000)).hasSize(600_000);
        }
        var stream = fn.runtime().held.getLast();
        // cancelled by the gateway when the connection closed, not abandoned after the holder's idle time
        assertThat(stream.done().get(5, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.CANCELLED);
        int pulls = fn.runtime().endlessPulls.get();
        Thread.sleep(300);
        assertThat(fn.runtime().endlessPulls.get()).isEqualTo(pulls);
        assertThat(pulls).isLessThan(40); // paced by the socket, not read ahead without bound
    }

    @Test
    @Order(14)
    void pathsOutsideApiStayStaticAndAnAppWithoutServerCodeHasNothingUnderApi() throws Exception {
        int before = fn.runtime().seen.size();
        HttpResponse<byte[]> post = fn.send(fn.request("/api/hello", "plain.localhost")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        assertThat(post.statusCode()).isEqualTo(404);
        HttpResponse<byte[]> outside = fn.send(fn.request("/apix/hello")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        assertThat(outside.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> platform = fn.send(fn.request("/_fazt/nothing").build());
        assertThat(platform.statusCode()).isEqualTo(404);
        assertThat(fn.runtime().seen).hasSize(before);
    }
}
