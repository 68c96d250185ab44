package fazt.auth.domain.appauth;

import fazt.auth.domain.AuthException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Configures who can log in to an app: its OAuth/OIDC providers (client secrets sealed before they are stored) and its
 * allow-list. Who may read or change them ({@code read} or {@code deploy:<app>}, {@code deploy:<app>}) is the admin
 * routes' declared scope, checked by the router before these run.
 */
public final class ConfigureAppLogin {
    private static final Pattern APP = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    /** Most providers per app, and most allow-list entries. */
    static final int MAX_PROVIDERS = 16, MAX_ALLOWED = 1000;

    private final AppProviders providers;
    private final SecretBox box;

    public ConfigureAppLogin(AppProviders providers, SecretBox box) {
        this.providers = providers;
        this.box = box;
    }

    /** The row context a provider's secret is sealed under. */
    public static String context(String app, String provider) {
        return app + "/" + provider;
    }

    public List<ProviderConfig> list(String app) {
        return providers.list(checkApp(app));
    }

    public AppAccess access(String app) {
        return providers.access(checkApp(app));
    }

    /**
     * Creates or replaces a provider. {@code kind} may be null for {@code google} and {@code github}; a null
     * {@code clientSecret} keeps the stored one.
     */
    public ProviderConfig put(
            String app, String provider, String kind, String clientId, String clientSecret, String discoveryUrl) {
        checkApp(app);
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            throw new AuthException.InvalidInput(
                    "provider", "A provider id has 1 to 32 lower-case letters, digits or hyphens.");
        }
        ProviderKind k =
                switch (provider) {
                    case "google" -> ProviderKind.GOOGLE;
                    case "github" -> ProviderKind.GITHUB;
                    default -> kind == null ? ProviderKind.OIDC : ProviderKind.parse(kind);
                };
        if (kind != null && ProviderKind.parse(kind) != k) {
            throw new AuthException.InvalidInput("kind", "The provider " + provider + " is of kind " + k.id() + ".");
        }
        if (k == ProviderKind.OIDC && (provider.equals("google") || provider.equals("github"))) {
            throw new AuthException.InvalidInput("provider", "google and github name their own providers.");
        }
        if (clientId == null || clientId.isBlank() || clientId.length() > 256 || !clientId.matches("[\\x21-\\x7e]+")) {
            throw new AuthException.InvalidInput(
                    "clientId", "\"clientId\" needs 1 to 256 printable characters without spaces.");
        }
        String url = k.discoveryUrl() != null
                ? k.discoveryUrl()
                : k == ProviderKind.OIDC ? checkDiscovery(discoveryUrl) : null;
        byte[] sealed;
        if (clientSecret != null) {
            if (clientSecret.isEmpty() || clientSecret.length() > 1024) {
                throw new AuthException.InvalidInput("clientSecret", "\"clientSecret\" needs 1 to 1024 characters.");
            }
            sealed = box.seal(clientSecret, context(app, provider));
        } else {
            sealed = providers
                    .get(app, provider)
                    .map(ProviderConfig::sealedSecret)
                    .orElseThrow(() ->
                            new AuthException.InvalidInput("clientSecret", "A new provider needs \"clientSecret\"."));
        }
        if (providers.get(app, provider).isEmpty() && providers.list(app).size() >= MAX_PROVIDERS) {
            throw new AuthException.Conflict("provider", "An app has at most " + MAX_PROVIDERS + " providers.");
        }
        ProviderConfig config = new ProviderConfig(app, provider, k, clientId, sealed, url, Instant.now());
        providers.put(config);
        return config;
    }

    public void delete(String app, String provider) {
        checkApp(app);
        if (!providers.delete(app, provider)) {
            throw new AuthException.NotFound("Provider " + provider + " of " + app);
        }
    }

    public AppAccess putAccess(String app, List<String> emails, List<String> domains) {
        checkApp(app);
        if (emails.size() + domains.size() > MAX_ALLOWED) {
            throw new AuthException.InvalidInput("emails", "At most " + MAX_ALLOWED + " entries in all.");
        }
        for (String email : emails) {
            if (email == null || email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new AuthException.InvalidInput("emails", "\"" + email + "\" is not an email address.");
            }
        }
        for (String domain : domains) {
            if (domain == null
                    || !DOMAIN.matcher(domain.toLowerCase(Locale.ROOT)).matches()) {
                throw new AuthException.InvalidInput(
                        "domains", "\"" + domain + "\" is not a domain such as example.com.");
            }
        }
        AppAccess access = new AppAccess(emails, domains);
        providers.putAccess(app, access);
        return access;
    }

    private static String checkDiscovery(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        boolean ok = uri != null
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && url.length() <= 512
                && ("https".equals(uri.getScheme())
                        || ("http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost())));
        if (!ok) {
            throw new AuthException.InvalidInput(
                    "discoveryUrl",
                    "An OIDC provider needs \"discoveryUrl\": the issuer's"
                            + " https:// URL of /.well-known/openid-configuration (http:// only on localhost).");
        }
        return url;
    }

    private static String checkApp(String app) {
        if (app == null || !APP.matcher(app).matches()) {
            throw new AuthException.InvalidInput("app", "\"" + app + "\" is not an app name.");
        }
        return app;
    }
}
