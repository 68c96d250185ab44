package fazt.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.gateway.GatewayService;
import fazt.gateway.edge.EdgeServer;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real gateway over real NATS for function requests, with {@link FakeRuntime} playing runtime-svc and a small
 * responder playing deploy-svc's site lookup ({@code fn} and {@code fn2} have server code, {@code plain} does not).
 * One per test class.
 */
final class FunctionGatewayFixture implements BeforeAllCallback, AfterAllCallback {
    static final int TIMEOUT_MS = 5000;

    private final TestSuite suite = TestSuite.of(new GatewayService())
            .with("FAZT_FUNCTION_TIMEOUT_MS", Integer.toString(TIMEOUT_MS))
            .with("FAZT_FUNCTION_MAX_BODY_MB", "12");
    private Connection nats;
    private FakeRuntime runtime;
    private HttpClient http;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        suite.beforeAll(context);
        nats = suite.nats().connect();
        Dispatcher deploy = nats.createDispatcher();
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

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            http.close();
            runtime.close();
            nats.close();
        } finally {
            suite.afterAll(context);
        }
    }

    TestSuite suite() {
        return suite;
    }

    Connection nats() {
        return nats;
    }

    FakeRuntime runtime() {
        return runtime;
    }

    /** A new runtime stand-in in place of the current one (closed by the test), its subscription on the server. */
    void restartRuntime() throws Exception {
        runtime = new FakeRuntime(nats, suite.nats().root());
        nats.flush(Duration.ofSeconds(2));
    }

    int port() {
        return suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .port();
    }

    HttpRequest.Builder request(String path) {
        return request(path, "fn.localhost");
    }

    HttpRequest.Builder request(String path, String host) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Host", host)
                .timeout(Duration.ofSeconds(30));
    }

    HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode problem(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }
}
