package fazt.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.edge.intake.Route;
import fazt.gateway.routing.HostRoute;
import fazt.platform.nats.TraceContext;
import fazt.proto.problem.Problem;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class EdgeResponsesTest {
    private static final Problem TIMEOUT =
            Problem.of(504, "function/timeout", "Function timeout", "The function did not answer in time.");

    private static Exchange on(HostRoute host) {
        return new Exchange(
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/x"),
                TraceContext.start(),
                "r1",
                true,
                false,
                "/api/x",
                null,
                new Route.AppFunction(host),
                host.host(),
                host.host(),
                "https",
                "127.0.0.1");
    }

    @Test
    void onACustomDomainTheProblemTypeNamesNothingAndTheCodeStays() {
        Exchange ex = on(new HostRoute(HostRoute.Kind.APP, "shop", "shop.example.com", "shop.example.com"));
        Problem shown = EdgeResponses.neutral(TIMEOUT, ex);
        assertThat(shown.type()).isEqualTo("about:blank");
        assertThat(shown.code()).isEqualTo(TIMEOUT.code());
        assertThat(shown.status()).isEqualTo(504);
        assertThat(shown.detail()).isEqualTo(TIMEOUT.detail());
    }

    @Test
    void onTheInstallsOwnHostsTheTypeIsTheStableFaztUri() {
        Exchange ex = on(new HostRoute(HostRoute.Kind.APP, "shop", "shop.fazt.example.net"));
        assertThat(EdgeResponses.neutral(TIMEOUT, ex).type()).isEqualTo(Problem.TYPE_BASE + "function/timeout");
    }
}
