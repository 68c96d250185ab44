package fazt.auth.domain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The paste-able form of an API token: {@code fazt_<base64url(server URL), unpadded>_<secret>}. The secret never
 * contains {@code _}, so the last {@code _} separates it from the URL. Only the secret is checked (by its hash): the
 * URL part tells {@code fazt login <token>} where the server is. A bootstrap token ({@code fazt_<secret>}) has no URL.
 */
public record TokenString(String serverUrl, String secret) {
    public static final String PREFIX = "fazt_";
    /** Longest token string accepted (a long URL plus the secret). */
    public static final int MAX_LENGTH = 512;

    public String format() {
        return PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(serverUrl.getBytes(StandardCharsets.UTF_8))
                + "_" + secret;
    }

    /** Parses a token with a server URL; empty for anything else (bootstrap tokens, garbage). */
    public static Optional<TokenString> parse(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int last = rest.lastIndexOf('_');
        if (last <= 0 || last == rest.length() - 1) {
            return Optional.empty();
        }
        try {
            String url = new String(Base64.getUrlDecoder().decode(rest.substring(0, last)), StandardCharsets.UTF_8);
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new TokenString(url, rest.substring(last + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
