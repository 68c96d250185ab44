package fazt.auth.domain.appauth;

import fazt.auth.domain.AuthException;
import java.util.Locale;

/**
 * The kinds of login provider an app can offer: Google and GitHub with their well-known endpoints, or any
 * standards-compliant OpenID Connect issuer named by its discovery URL.
 */
public enum ProviderKind {
    /** OpenID Connect at accounts.google.com. */
    GOOGLE("https://accounts.google.com/.well-known/openid-configuration"),
    /** GitHub's OAuth 2.0 apps (not OIDC: the user comes from the GitHub API). */
    GITHUB(null),
    /** Any OpenID Connect issuer, by its discovery URL. */
    OIDC(null);

    private final String discoveryUrl;

    ProviderKind(String discoveryUrl) {
        this.discoveryUrl = discoveryUrl;
    }

    /** The fixed discovery URL of a well-known provider, or null. */
    public String discoveryUrl() {
        return discoveryUrl;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProviderKind parse(String value) {
        for (ProviderKind kind : values()) {
            if (kind.id().equals(value)) {
                return kind;
            }
        }
        throw new AuthException.InvalidInput("kind", "\"kind\" must be google, github or oidc.");
    }
}
