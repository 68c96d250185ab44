package fazt.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** HTTP to a running stack's gateway by Host header, as a browser reaching {@code <name>.localhost} would. */
final class Edge implements AutoCloseable {
    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Edge(Stack stack) {
        this.stack = stack;
    }

    String token() throws Exception {
        return Files.readString(stack.home.resolve("admin-token")).trim();
    }

    HttpResponse<byte[]> get(String host, String path, String... headers) throws Exception {
        return send("GET", host, path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    HttpResponse<byte[]> send(String method, String host, String path, HttpRequest.BodyPublisher body,
                              String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).method(method, body).header("Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** An admin API call with the stack's bootstrap token. */
    HttpResponse<byte[]> admin(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws Exception {
        return send(method, "admin.localhost", "/api" + path, body, "Authorization", "Bearer " + token(),
                "Content-Type", contentType);
    }

    HttpResponse<byte[]> deploy(String app, Path bundle) throws Exception {
        return admin("POST", "/apps/" + app + "/deploy", HttpRequest.BodyPublishers.ofFile(bundle), "application/zip");
    }

    HttpResponse<byte[]> json(String method, String path, String json) throws Exception {
        return admin(method, path, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json), "application/json");
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<String, String> none() {
        return Map.of();
    }

    @Override
    public void close() {
        http.close();
    }
}
