package fazt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.gateway.edge.EdgeServer;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.testing.ServiceContract;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminOpenApi;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway with the other six services present as bare platform services (their health endpoint is platform
 * behaviour), so the suite health page can be checked whole, then with one service gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayServiceIT implements ServiceContract {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(
            new GatewayService(),
            bare(ServiceName.AUTH),
            bare(ServiceName.DEPLOY),
            bare(ServiceName.STORAGE),
            bare(ServiceName.RUNTIME),
            bare(ServiceName.SCHEDULER),
            bare(ServiceName.MAIL));

    private static ServiceDefinition bare(ServiceName name) {
        return () -> name;
    }

    @Override
    public TestSuite suite() {
        return suite;
    }

    @Override
    public ServiceName service() {
        return ServiceName.GATEWAY;
    }

    private static HttpResponse<String> edge(String method, String path, String host) throws Exception {
        int port = suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .port();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (host != null) {
                request.header("Host", host);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    @Order(1)
    void healthListsAllSevenServicesUpOnAnyHost() throws Exception {
        for (String host : new String[] {null, "admin.localhost", "whatever.example.org"}) {
            HttpResponse<String> response = edge("GET", "/_fazt/health", host);
            assertThat(response.statusCode()).as(host).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            JsonNode body = MessageCodec.INSTANCE.mapper().readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("services")).hasSize(7);
            body.get("services").forEach(s -> {
                assertThat(s.get("status").asText()).as(s.get("name").asText()).isEqualTo("UP");
                assertThat(s.has("checks") || s.has("instance"))
                        .as("details are for readers only")
                        .isFalse();
            });
        }
    }

    @Test
    @Order(2)
    void headGivesTheSameStatusWithoutABody() throws Exception {
        HttpResponse<String> response = edge("HEAD", "/_fazt/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    @Order(3)
    void unknownPlatformPathsAreA404ProblemWithTraceAndRequestId() throws Exception {
        HttpResponse<String> response = edge("GET", "/_fazt/nothing?x=1", "blog.localhost");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode problem = MessageCodec.INSTANCE.mapper().readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/not-found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("instance").asText()).isEqualTo("/_fazt/nothing");
        assertThat(problem.get("traceId").asText()).hasSize(32);
    }

    @Test
    @Order(5)
    void aSiteWhoseServiceDoesNotAnswerIsA503NamingItAndTheGatewayStaysUp() throws Exception {
        // The deploy service here is a bare platform service: it has no site endpoint, so nobody answers.
        HttpResponse<String> response = edge("GET", "/some/page", "blog.localhost");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode problem = MessageCodec.INSTANCE.mapper().readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/service-unavailable");
        assertThat(edge("GET", "/_fazt/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void theAdminApisOpenApiDocumentIsPublicAndGeneratedFromTheRouteTables() throws Exception {
        HttpResponse<String> response = edge("GET", "/api/openapi.json", "admin.localhost");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode doc = MessageCodec.INSTANCE.mapper().readTree(response.body());
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc).isEqualTo(MessageCodec.INSTANCE.mapper().valueToTree(AdminOpenApi.document(AdminApi.TABLE)));
        HttpResponse<String> post = edge("POST", "/api/openapi.json", "admin.localhost");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    @Order(6)
    void aMalformedHostIsA400() throws Exception {
        HttpResponse<String> response = edge("GET", "/", "bad_host..localhost");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(response.body())
                        .get("type")
                        .asText())
                .isEqualTo("https://errors.fazt.dev/gateway/bad-host");
    }

    @Test
    @Order(4)
    void wrongMethodOnHealthIs405WithAllow() throws Exception {
        HttpResponse<String> response = edge("POST", "/_fazt/health", null);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    @Order(7)
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        int port = suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            // The first is answered after a NATS round trip, the second at once: order must still hold.
            socket.getOutputStream()
                    .write(("GET /_fazt/health HTTP/1.1\r\nHost: a.localhost\r\n\r\n"
                                    + "GET /_fazt/nothing HTTP/1.1\r\nHost: a.localhost\r\n\r\n"
                                    + "GET /_fazt/health HTTP/1.1\r\nHost: a.localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> statusLines = Pattern.compile("HTTP/1\\.1 \\d{3} [A-Za-z ]+")
                    .matcher(all)
                    .results()
                    .map(MatchResult::group)
                    .map(String::strip)
                    .toList();
            assertThat(statusLines).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK");
        }
    }

    @Test
    @Order(10)
    void aStoppedServiceTurnsTheSuiteDownAndIsNamed() throws Exception {
        suite.stop(ServiceName.MAIL);
        HttpResponse<String> response = edge("GET", "/_fazt/health", null);
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = MessageCodec.INSTANCE.mapper().readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        JsonNode mail = null;
        for (JsonNode s : body.get("services")) {
            if (s.get("name").asText().equals("mail")) {
                mail = s;
            }
        }
        assertThat(mail).isNotNull();
        assertThat(mail.get("status").asText()).isEqualTo("DOWN");
        assertThat(mail.has("reason")).as("the reason is for readers only").isFalse();
    }
}
