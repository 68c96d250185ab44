package fazt.gateway.invoke;

import static fazt.gateway.invoke.FunctionGatewayFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.MessageCodec;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
class LostInstanceIT {
    @RegisterExtension
    static final FunctionGatewayFixture fn = new FunctionGatewayFixture();

    @Test
    @Order(9)
    void aGetWhoseInstanceDiedBeforeRunningItIsRetriedOnceButARequestIdNeverTwice() throws Exception {
        HttpResponse<byte[]> response = fn.send(
                fn.request("/api/vanish").header("X-Request-Id", "vanish-get").build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello GET");
        assertThat(fn.runtime().attempts.get("vanish-get")).hasValue(2);

        // the same request id again, and its instance dies again before running it: not sent a fourth time
        HttpResponse<byte[]> again = fn.send(
                fn.request("/api/vanish").header("X-Request-Id", "vanish-get").build());
        assertThat(again.statusCode()).isEqualTo(503);
        assertThat(problem(again).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-instance-lost");
        assertThat(fn.runtime().attempts.get("vanish-get")).hasValue(3);
        // it had not started there: no cool-down for the route
        assertThat(fn.send(fn.request("/api/vanish")
                                .header("X-Request-Id", "vanish-other")
                                .build())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(10)
    void aGetRunningOnAnInstanceThatDiesIsNotRetriedAndItsRouteCoolsDown() throws Exception {
        Subscription appLog = fn.nats().subscribe(fn.suite().nats().root().qualify(RuntimeSubjects.appLog("app_fn")));
        fn.nats().flush(Duration.ofSeconds(2));
        HttpResponse<byte[]> response = fn.send(
                fn.request("/api/flaky").header("X-Request-Id", "flaky-get").build());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-instance-lost");
        assertThat(response.headers().firstValue("retry-after")).hasValue("30");
        assertThat(fn.runtime().attempts.get("flaky-get")).hasValue(1);

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
        HttpResponse<byte[]> cooling = fn.send(
                fn.request("/api/flaky").header("X-Request-Id", "flaky-get-2").build());
        assertThat(cooling.statusCode()).isEqualTo(503);
        assertThat(problem(cooling).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/route-cooling-down");
        assertThat(Long.parseLong(cooling.headers().firstValue("retry-after").orElseThrow()))
                .isBetween(1L, 30L);
        assertThat(fn.runtime().attempts).doesNotContainKey("flaky-get-2");

        // other routes of the app, and other apps, are not touched
        assertThat(fn.send(fn.request("/api/hello").build()).statusCode()).isEqualTo(200);
        assertThat(fn.send(fn.request("/api/flaky", "fn2.localhost")
                                .header("X-Request-Id", "flaky-other-app")
                                .build())
                        .statusCode())
                .isEqualTo(503);
        assertThat(fn.runtime().attempts.get("flaky-other-app")).hasValue(1);
    }

    @Test
    @Order(11)
    void aPostWhoseInstanceDiesFailsFastWithoutARetry() throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = fn.send(fn.request("/api/flaky-post")
                .header("X-Request-Id", "flaky-post")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-instance-lost");
        assertThat(fn.runtime().attempts.get("flaky-post")).hasValue(1);
        // the heartbeats' silence answered (instance-lost), not the deadline (function-timeout) nor a hang
        System.out.printf("instance lost: answered after %d ms%n", ms);
    }

    @Test
    @Order(20)
    void withNoRuntimeRunningItIs503WithRetryAfterAtOnce() throws Exception {
        fn.runtime().close();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = fn.send(fn.request("/api/hello").build());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("5");
        assertThat(problem(response).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/gateway/runtime-unavailable");
        // "no responders" from NATS (the only way to runtime-unavailable), not a wait for the deadline
        System.out.printf("no runtime: answered after %d ms%n", ms);
        fn.restartRuntime();
        assertThat(fn.send(fn.request("/api/hello").build()).statusCode()).isEqualTo(200);
    }
}
