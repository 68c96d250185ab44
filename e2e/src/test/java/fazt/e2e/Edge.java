package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.test.GatewayHttp;
import fazt.proto.MessageCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** HTTP to a running stack's gateway by Host header, as a browser reaching {@code <name>.localhost} would. */
final class Edge implements AutoCloseable {
    private final Stack stack;
    private final GatewayHttp http;

    Edge(Stack stack) {
        this.stack = stack;
        this.http = new GatewayHttp(() -> stack.httpPort, Duration.ofSeconds(60));
    }

    String token() throws Exception {
        return Files.readString(stack.home.resolve("admin-token")).trim();
    }

    HttpResponse<byte[]> get(String host, String path, String... headers) throws Exception {
        return send("GET", host, path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    HttpResponse<byte[]> send(
            String method, String host, String path, HttpRequest.BodyPublisher body, String... headers)
            throws Exception {
        return http.send(method, host, path, body, HttpResponse.BodyHandlers.ofByteArray(), headers);
    }

    /** An admin API call with the stack's bootstrap token. */
    HttpResponse<byte[]> admin(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws Exception {
        return send(
                method,
                "admin.localhost",
                "/api" + path,
                body,
                "Authorization",
                "Bearer " + token(),
                "Content-Type",
                contentType);
    }

    HttpResponse<byte[]> deploy(String app, Path bundle) throws Exception {
        return admin("POST", "/apps/" + app + "/deploy", HttpRequest.BodyPublishers.ofFile(bundle), "application/zip");
    }

    HttpResponse<byte[]> json(String method, String path, String json) throws Exception {
        return admin(
                method,
                path,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json),
                "application/json");
    }

    /** Deploys a bundle of {@code files} (path, content, path, content, ...) and asserts that it went live. */
    void deployFiles(String app, String... files) throws Exception {
        HttpResponse<byte[]> deployed = deploy(app, Bundles.zip(Bundles.files(files)));
        assertThat(deployed.statusCode()).as(text(deployed)).isIn(200, 201);
    }

    static JsonNode jsonOf(HttpResponse<byte[]> response) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static Map<String, String> none() {
        return Map.of();
    }

    @Override
    public void close() {
        http.close();
    }
}
