package fazt.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.intake.Route;
import fazt.gateway.routing.HostRoute;
import fazt.platform.nats.TraceContext;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionResponseWriterTest {
    private static Exchange exchange() {
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/x");
        request.headers().set("X-Request-Id", "req-7");
        HostRoute host = new HostRoute(HostRoute.Kind.APP, "x", "x.localhost");
        return new Exchange(
                request,
                TraceContext.start(),
                "req-7",
                true,
                false,
                "/api/x",
                null,
                new Route.AppFunction(host),
                "x.localhost",
                "x.localhost",
                "http",
                "127.0.0.1");
    }

    private static InvokeResponse response(int status, HttpHeader... headers) {
        return new InvokeResponse(status, List.of(headers), new byte[3], null, false, "i");
    }

    @Test
    void theAppsHeadersPassButHopByHopOnesAndItsRequestIdDoNot() {
        HttpResponse head = FunctionResponseWriter.head(
                response(
                        201,
                        new HttpHeader("Set-Cookie", "a=1"),
                        new HttpHeader("Set-Cookie", "b=2"),
                        new HttpHeader("Connection", "close"),
                        new HttpHeader("Transfer-Encoding", "gzip"),
                        new HttpHeader("Content-Length", "99"),
                        new HttpHeader("X-Request-Id", "forged"),
                        new HttpHeader("Upgrade", "websocket")),
                exchange(),
                false);
        assertThat(head.status().code()).isEqualTo(201);
        assertThat(head.headers().getAll("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(head.headers().contains("connection")).isFalse();
        assertThat(head.headers().contains("transfer-encoding")).isFalse();
        assertThat(head.headers().contains("content-length")).isFalse();
        assertThat(head.headers().contains("upgrade")).isFalse();
        assertThat(head.headers().getAll("x-request-id")).containsExactly("req-7");
        assertThat(head.headers().get("traceparent")).isNotBlank();
    }

    @Test
    void aStatusOutsideTwoToFiveHundredsOrAHeaderWithALineBreakIsRefused() {
        assertThatThrownBy(() -> FunctionResponseWriter.head(response(101), exchange(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FunctionResponseWriter.head(response(600), exchange(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        FunctionResponseWriter.head(response(200, new HttpHeader("X", "a\r\nB: c")), exchange(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        FunctionResponseWriter.head(response(200, new HttpHeader("Bad Name", "v")), exchange(), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDeclaredLengthIsReadFromTheAppsHeaders() {
        assertThat(FunctionResponseWriter.declaredLength(response(200, new HttpHeader("content-length", " 42 "))))
                .isEqualTo(42);
        assertThat(FunctionResponseWriter.declaredLength(response(200, new HttpHeader("Content-Length", "x"))))
                .isEqualTo(-1);
        assertThat(FunctionResponseWriter.declaredLength(response(200))).isEqualTo(-1);
    }
}
