package fazt.runtime.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where one hop of an outbound fetch goes: scheme (http or https), host (IPv6 without brackets), port, the
 * {@code Host} header value and the request target (path and query; the fragment is never sent).
 */
record FetchTarget(String scheme, String host, int port, String hostHeader, String target) {

    /** Parses an absolute http(s) URL (as WHATWG-serialized by the JS side, or a resolved redirect). */
    static FetchTarget parse(String url) throws FetchException {
        URI uri;
        try {
            uri = new URI(escape(url));
        } catch (URISyntaxException e) {
            throw new FetchException("fetch failed: invalid URL " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("fetch failed: scheme \"" + scheme + "\" is not supported (only http and https)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new FetchException("fetch failed: URL has no host: " + url);
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchException("fetch failed: URL must not contain credentials");
        }
        host = host.toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String hostHeader = port == defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new FetchTarget(scheme, bare, port, hostHeader, target);
    }

    /** The absolute URL of a {@code Location} relative to this target. */
    String resolve(String location) throws FetchException {
        try {
            return new URI(escape(url()))
                    .resolve(new URI(escape(location.trim())))
                    .toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException("fetch to " + host + " failed: invalid redirect location");
        }
    }

    String url() {
        return scheme + "://" + hostHeader + target;
    }

    boolean sameOrigin(FetchTarget other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    /** Percent-encodes what WHATWG URLs (and servers' Location headers) allow but java.net.URI does not. */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                out.append((char) c);
            }
        }
        String escaped = out.toString();
        int hash = escaped.indexOf('#');
        return hash >= 0 ? escaped.substring(0, hash) : escaped;
    }
}
