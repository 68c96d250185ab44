package fazt.server.admin;

import fazt.gateway.edge.EdgeServer;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.GatewayHttp;
import fazt.proto.ServiceName;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** HTTP calls to the gateway's admin host (and app hosts), as a browser or the CLI would make them. */
final class AdminEdge {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TestSuite suite;

    AdminEdge(TestSuite suite) {
        this.suite = suite;
    }

    /** {@code headers} alternate name, value. */
    HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        return send(
                "admin.localhost",
                method,
                path,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? null : "application/json",
                headers);
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
        return send(
                "admin.localhost",
                "POST",
                "/api/apps/" + app + "/deploy",
                zip.toByteArray(),
                "application/zip",
                "Authorization",
                authorization);
    }

    /** A request to any host the gateway serves ({@code <app>.localhost} for an app); {@code headers} alternate. */
    HttpResponse<String> send(
            String host, String method, String path, byte[] body, String contentType, String... headers)
            throws Exception {
        try (GatewayHttp http = new GatewayHttp(
                () -> suite.service(ServiceName.GATEWAY)
                        .context()
                        .getBean(EdgeServer.class)
                        .port(),
                TIMEOUT)) {
            String[] all = headers;
            if (contentType != null) {
                all = Arrays.copyOf(headers, headers.length + 2);
                all[headers.length] = "Content-Type";
                all[headers.length + 1] = contentType;
            }
            return http.send(
                    method,
                    host,
                    path,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                    HttpResponse.BodyHandlers.ofString(),
                    all);
        }
    }
}
