package fazt.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the admin API on 127.0.0.1: answers canned bodies per {@code "METHOD /raw/path"} and records every
 * request, so a test can check exactly what a command sent. Anything unrouted gets a 404 problem.
 */
final class FakeAdminServer implements AutoCloseable {
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body, String query) {
        /** A request header, whatever the case of its name (the JDK server stores "Content-type"). */
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String contentType, byte[] body) {}

    static final String TOKEN = "fzt_test_token";

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeAdminServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    FakeAdminServer json(String route, int status, String body) {
        answers.put(route, new Answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    FakeAdminServer problem(String route, int status, String body) {
        answers.put(route, new Answer(status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    FakeAdminServer bytes(String route, byte[] body) {
        answers.put(route, new Answer(200, "application/octet-stream", body));
        return this;
    }

    FakeAdminServer empty(String route, int status) {
        answers.put(route, new Answer(status, null, new byte[0]));
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The admin URL as a user types it: a {@code .localhost} name, which the CLI must reach on loopback. */
    String url() {
        return "http://admin.localhost:" + port();
    }

    Request last() {
        return requests.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body,
                exchange.getRequestURI().getRawQuery());
        requests.add(request);
        Answer answer = answers.getOrDefault(
                request.method() + " " + request.path(),
                new Answer(
                        404,
                        "application/problem+json",
                        ("{\"type\":\"https://errors.fazt.dev/test/no-route\",\"title\":\"No route\","
                                        + "\"status\":404,\"detail\":\"no answer for " + request.method() + " "
                                        + request.path() + "\"}")
                                .getBytes(StandardCharsets.UTF_8)));
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
