package fazt.server.admin;

import fazt.gateway.edge.EdgeServer;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP calls to the gateway's admin host, as a browser or the CLI would make them. */
final class AdminEdge {
    private final TestSuite suite;

    AdminEdge(TestSuite suite) {
        this.suite = suite;
    }

    /** {@code headers} alternate name, value. */
    HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        int port = suite.service(ServiceName.GATEWAY).context().getBean(EdgeServer.class).port();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(15))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Host", "admin.localhost");
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
