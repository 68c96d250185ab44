package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongConsumer;

/**
 * The admin API of one server ({@code <admin-url>/api/...}, bearer token, JSON). Every non-2xx answer becomes a
 * {@link CliFailure} worded by {@link ProblemMessage}, so commands only handle success.
 */
final class AdminClient {
    /** JSON as the server sent it (for {@code --json}) and parsed. */
    record Reply(int status, String body, JsonNode json) {}

    static final ObjectMapper JSON = new ObjectMapper();
    /** Uploads are allowed this much time per MiB on top of {@link ServerClient#TIMEOUT}: about 64 KiB/s at worst. */
    private static final Duration UPLOAD_TIME_PER_MIB = Duration.ofSeconds(16);

    private final Login login;
    private final ServerClient http;

    AdminClient(Login login) {
        this.login = login;
        this.http = new ServerClient(login.server());
    }

    Login login() {
        return login;
    }

    /** {@code /api/apps/blog/files/css/site.css} from segments, each percent-encoded. */
    static String path(String... segments) {
        StringJoiner path = new StringJoiner("/", "/api/", "");
        for (String segment : segments) {
            path.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    Reply get(String path) {
        return get(path, ServerClient.TIMEOUT);
    }

    /** A GET allowed {@code timeout} (a route that takes long by design, such as {@code /api/doctor}). */
    Reply get(String path, Duration timeout) {
        return json(http.send("GET", path, headers(), timeout, null));
    }

    Reply send(String method, String path, JsonNode body) {
        return send(method, path, body, ServerClient.TIMEOUT);
    }

    /** A JSON request allowed {@code timeout} (large bodies, such as mail with attachments). */
    Reply send(String method, String path, JsonNode body, Duration timeout) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = headers();
        headers.put("Content-Type", "application/json");
        return json(http.send(method, path, headers, timeout, bytes));
    }

    Reply delete(String path) {
        return json(http.send("DELETE", path, headers(), ServerClient.TIMEOUT, null));
    }

    /** POSTs a zip file, reporting the bytes handed to the connection so far to {@code progress}. */
    Reply upload(String path, Path zip, LongConsumer progress) {
        long size;
        try {
            size = Files.size(zip);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + zip + ": " + e.getMessage());
        }
        Duration timeout = ServerClient.TIMEOUT.plus(UPLOAD_TIME_PER_MIB.multipliedBy(size >> 20));
        // Expect: 100-continue (sent by ServerClient.upload) lets the gateway check the token and the size before any
        // byte is sent; a 401 or 413 that arrives while we are still writing is reported too.
        Map<String, String> headers = headers();
        headers.put("Content-Type", "application/zip");
        return json(http.upload(path, headers, timeout, zip, progress));
    }

    /** The body of a successful GET as a stream; the caller closes it. */
    InputStream download(String path) {
        ServerClient.Streamed response = http.stream("GET", path, headers(), ServerClient.TIMEOUT);
        if (response.status() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw failure(response.status(), response.location(), body);
        }
        return response.body();
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + login.token());
        headers.put("Accept", "application/json");
        return headers;
    }

    private Reply json(ServerClient.Response response) {
        String body = response.text();
        if (response.status() / 100 != 2) {
            throw failure(response.status(), response.location(), body);
        }
        if (body.isBlank()) {
            return new Reply(response.status(), "", JSON.nullNode());
        }
        try {
            return new Reply(response.status(), body, JSON.readTree(body));
        } catch (IOException e) {
            throw new CliFailure(
                    login.server().uri() + " did not answer JSON; is it a fazt admin URL (http://admin.<domain>)?");
        }
    }

    private CliFailure failure(int status, String location, String body) {
        if (status / 100 == 3) {
            // Redirects are not followed; an http:// URL answered with a move to https:// is the usual case.
            location = location != null ? location : "?";
            return new CliFailure(login.server().uri() + " redirects to " + location + "; log in with that URL");
        }
        return new CliFailure(ProblemMessage.of(status, body));
    }
}
