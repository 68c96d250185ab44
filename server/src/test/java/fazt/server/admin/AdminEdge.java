package fazt.server.admin;

import fazt.gateway.edge.EdgeServer;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** HTTP calls to the gateway's admin host, as a browser or the CLI would make them. */
final class AdminEdge {
    private final TestSuite suite;

    AdminEdge(TestSuite suite) {
        this.suite = suite;
    }

    /** {@code headers} alternate name, value. */
    HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        return send("admin.localhost", method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json", headers);
    }

    /** Deploys {@code files} (path → text) as app {@code app}, authorized by {@code authorization}. */
    HttpResponse<String> deploy(String app, Map<String, String> files, String authorization) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return send("admin.localhost", "POST", "/api/apps/" + app + "/deploy", zip.toByteArray(), "application/zip",
                "Authorization", authorization);
    }

    /** A request to any host the gateway serves ({@code <app>.localhost} for an app); {@code headers} alternate. */
    HttpResponse<String> send(String host, String method, String path, byte[] body, String contentType,
                              String... headers) throws Exception {
        int port = suite.service(ServiceName.GATEWAY).context().getBean(EdgeServer.class).port();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(15))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Host", host);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
