package fazt.server.release;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Where a release is read from: a directory on this host, or an http(s) URL of one (its files under it). */
public final class ReleaseSource {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A whole file's transfer must finish within this. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final Path dir;
    private final URI base;
    private final HttpClient http;

    private ReleaseSource(Path dir, URI base) {
        this.dir = dir;
        this.base = base;
        this.http = base == null
                ? null
                : HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    /** {@code https://…} or {@code http://…} (a release directory served over HTTP), else a directory path. */
    public static ReleaseSource of(String from) throws ReleaseException {
        if (from.startsWith("https://") || from.startsWith("http://")) {
            URI uri;
            try {
                uri = URI.create(from.endsWith("/") ? from : from + "/");
            } catch (IllegalArgumentException e) {
                throw new ReleaseException("--from: not a URL: " + from);
            }
            return new ReleaseSource(null, uri);
        }
        Path dir = Path.of(from).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ReleaseException("--from: " + from + " is neither a release directory nor an http(s) URL");
        }
        return new ReleaseSource(dir, null);
    }

    @Override
    public String toString() {
        return dir != null ? dir.toString() : base.toString();
    }

    /** The whole of a small file (release.json, its signature), refused beyond {@code maxBytes}. */
    byte[] read(String path, int maxBytes) throws ReleaseException {
        try (InputStream in = open(path)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ReleaseException(path + " at " + this + " is larger than " + maxBytes + " bytes: refused");
            }
            return bytes;
        } catch (IOException e) {
            throw new ReleaseException("cannot read " + path + " from " + this + ": " + e.getMessage(), e);
        }
    }

    /** A stream of a release file; the caller checks its size and hash. */
    InputStream open(String path) throws IOException, ReleaseException {
        if (dir != null) {
            try {
                return Files.newInputStream(dir.resolve(path));
            } catch (NoSuchFileException e) {
                throw new ReleaseException(path + " is missing from " + this);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new ReleaseException("GET " + request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
