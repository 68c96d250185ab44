package fazt.server.admin;

import fazt.gateway.edge.EdgeServer;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.GatewayHttp;
import fazt.proto.ServiceName;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** HTTP calls to the gateway's admin host, as a browser or the CLI would make them. */
final class AdminEdge {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TestSuite suite;

    AdminEdge(TestSuite suite) {
        this.suite = suite;
    }

    /** {@code headers} alternate name, value. */
    HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        try (GatewayHttp http = new GatewayHttp(
                () -> suite.service(ServiceName.GATEWAY).context().getBean(EdgeServer.class).port(), TIMEOUT)) {
            if (body == null) {
                return http.send(method, "admin.localhost", path, HttpRequest.BodyPublishers.noBody(),
                        HttpResponse.BodyHandlers.ofString(), headers);
            }
            String[] withType = Arrays.copyOf(headers, headers.length + 2);
            withType[headers.length] = "Content-Type";
            withType[headers.length + 1] = "application/json";
            return http.send(method, "admin.localhost", path, HttpRequest.BodyPublishers.ofString(body),
                    HttpResponse.BodyHandlers.ofString(), withType);
        }
    }
}
