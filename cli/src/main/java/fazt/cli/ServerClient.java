package fazt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * HTTP/1.1 to a fazt server, with failures turned into one-line {@link CliFailure}s. {@link HttpURLConnection} does
 * the plain requests: unlike the JDK's {@code java.net.http} client it needs no executor or SSL context for an
 * http:// URL, which saves a few hundred milliseconds of every short CLI run. PATCH (which HttpURLConnection
 * refuses) and uploads (whose early answers HttpURLConnection cannot read) go through {@link Http1}.
 */
final class ServerClient {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static {
        // HttpURLConnection drops a custom Host header unless allowed; we need it for *.localhost names. It reads
        // the property once, when its class initializes, so this has to run before the first connection.
        System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
    }

    /** A complete answer; {@code location} is the Location header, or null. */
    record Response(int status, String location, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer whose body the caller reads and closes (the error body for a non-2xx status). */
    record Streamed(int status, String location, InputStream body) {}

    private final ServerAddress server;

    ServerClient(ServerAddress server) {
        this.server = server;
    }

    ServerAddress server() {
        return server;
    }

    Response get(String path) {
        return send("GET", path, Map.of(), TIMEOUT, null);
    }

    /** A request with the given headers and body ({@code null} for none), answered in full. */
    Response send(String method, String path, Map<String, String> headers, Duration timeout, byte[] body) {
        try {
            if (method.equals("PATCH")) {
                return Http1.exchange(
                        server,
                        method,
                        path,
                        headers,
                        timeout,
                        body == null ? 0 : body.length,
                        out -> out.write(body == null ? new byte[0] : body),
                        false);
            }
            HttpURLConnection connection = open(method, path, headers, timeout);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            byte[] bytes;
            try (InputStream in = body(connection, status)) {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Response(status, connection.getHeaderField("Location"), bytes);
        } catch (IOException e) {
            throw failure(e, timeout);
        }
    }

    /** A request whose answer body is streamed to the caller. */
    Streamed stream(String method, String path, Map<String, String> headers, Duration timeout) {
        try {
            HttpURLConnection connection = open(method, path, headers, timeout);
            int status = connection.getResponseCode();
            InputStream in = body(connection, status);
            return new Streamed(
                    status, connection.getHeaderField("Location"), in != null ? in : InputStream.nullInputStream());
        } catch (IOException e) {
            throw failure(e, timeout);
        }
    }

    /**
     * POSTs a file with {@code Expect: 100-continue}, so the server can refuse it (401, 413) before any byte is sent,
     * reporting the bytes written so far to {@code progress}. If the server answers while we are still writing and
     * closes, its answer is returned, not the broken pipe.
     */
    Response upload(String path, Map<String, String> headers, Duration timeout, Path file, LongConsumer progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return Http1.exchange(
                    server,
                    "POST",
                    path,
                    headers,
                    timeout,
                    size,
                    out -> {
                        try (InputStream in = Files.newInputStream(file)) {
                            byte[] buffer = new byte[64 * 1024];
                            long sent = 0;
                            for (int n; (n = in.read(buffer)) > 0; ) {
                                out.write(buffer, 0, n);
                                sent += n;
                                progress.accept(sent);
                            }
                        }
                    },
                    true);
        } catch (IOException e) {
            throw failure(e, timeout);
        }
    }

    private HttpURLConnection open(String method, String path, Map<String, String> headers, Duration timeout)
            throws IOException {
        // No proxy, like the JDK client's default; redirects are reported, not followed.
        HttpURLConnection connection =
                (HttpURLConnection) server.connectUri(path).toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (server.loopbackName()) {
            connection.setRequestProperty("Host", server.hostHeader());
        }
        headers.forEach(connection::setRequestProperty);
        return connection;
    }

    private static InputStream body(HttpURLConnection connection, int status) throws IOException {
        return status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    }

    private CliFailure failure(IOException e, Duration timeout) {
        if (e instanceof ConnectException) {
            return new CliFailure("cannot connect to " + server.uri() + " (is fazt running? scripts/stack up)");
        }
        if (e instanceof SocketTimeoutException) {
            return new CliFailure(server.uri() + " did not answer within " + timeout.toSeconds() + "s");
        }
        return new CliFailure("talking to " + server.uri() + " failed: " + e.getMessage());
    }
}
