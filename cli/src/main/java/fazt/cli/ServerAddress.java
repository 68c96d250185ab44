package fazt.cli;

import java.net.URI;
import java.util.Locale;

/**
 * The server a command talks to. Host names under {@code .localhost} resolve to loopback as browsers and curl do
 * (RFC 6761), so {@code http://admin.localhost:8080} works on a machine whose resolver does not know it: we connect
 * to 127.0.0.1 and send the name in the Host header.
 */
record ServerAddress(URI uri) {
    static final String DEFAULT = "http://localhost:8080";

    static ServerAddress parse(String value) {
        URI uri;
        try {
            uri = URI.create(value.trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new CliFailure("not a URL: " + value);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new CliFailure("expected an http:// or https:// URL such as " + DEFAULT + ", got " + value);
        }
        return new ServerAddress(uri);
    }

    /** Whether the host is a {@code .localhost} name to be reached on loopback. */
    boolean loopbackName() {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".localhost");
    }

    /** The URI to connect to for {@code path}: loopback for {@code .localhost} names. */
    URI connectUri(String path) {
        String host = loopbackName() ? "127.0.0.1" : uri.getHost();
        return URI.create(uri.getScheme() + "://" + host + port() + path);
    }

    /** The Host header to send (with the port when it is not the scheme's default). */
    String hostHeader() {
        return uri.getHost() + port();
    }

    /** Where the gateway serves the app with this host: the admin URL's scheme and port, the app's host. */
    String siteUrl(String appHost) {
        return uri.getScheme() + "://" + appHost + port() + "/";
    }

    private String port() {
        return uri.getPort() < 0 ? "" : ":" + uri.getPort();
    }
}
