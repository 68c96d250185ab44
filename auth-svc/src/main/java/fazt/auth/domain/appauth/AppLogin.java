package fazt.auth.domain.appauth;

import fazt.auth.domain.AuthEvents;
import fazt.auth.domain.AuthException;
import fazt.auth.domain.AuthException.AppLoginRefused.Reason;
import fazt.auth.domain.LoginThrottle;
import fazt.auth.domain.Secret;
import fazt.proto.auth.AppSession;
import fazt.proto.auth.AppUser;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The login of the people using a hosted app (authorization code flow with {@code state}, {@code nonce} and PKCE S256):
 * {@link #start} records the attempt server-side and names the provider's authorization URL; {@link #finish} consumes
 * the attempt (a state works once, only on its app, only in the browser that started it), exchanges the code,
 * applies the app's allow-list and opens an app session bound to the app's id. App users are not admin users: they
 * live in their own table and their sessions never authenticate an admin call.
 */
public final class AppLogin {
    /** How long a started login may take to come back. */
    public static final Duration ATTEMPT_TTL = Duration.ofMinutes(10);
    /** How long an app session lasts (absolute). */
    public static final Duration SESSION_TTL = Duration.ofDays(7);

    static final int MAX_SECRET = 512;
    /** Logins one client address may start per {@link #ATTEMPT_TTL} (each holds a row until it ends or expires). */
    public static final int MAX_STARTS = 60;

    private final AppProviders providers;
    private final SecretBox box;
    private final LoginAttempts attempts;
    private final AppEndUsers users;
    private final IdentityProviders idps;
    private final LoginThrottle throttle;
    private final AuthEvents events;

    public AppLogin(
            AppProviders providers,
            SecretBox box,
            LoginAttempts attempts,
            AppEndUsers users,
            IdentityProviders idps,
            LoginThrottle throttle,
            AuthEvents events) {
        this.throttle = throttle;
        this.events = events;
        this.providers = providers;
        this.box = box;
        this.attempts = attempts;
        this.users = users;
        this.idps = idps;
    }

    /** A started login: send the browser to {@code authorizationUri}, with {@code browserSecret} in a cookie. */
    public record Started(URI authorizationUri, String browserSecret) {}

    /** A finished login: the new session's secret (for the cookie), its user, and the local path to return to. */
    public record Finished(String sessionSecret, AppUser user, String redirect) {}

    /**
     * Starts a login to {@code app} (id {@code appId}) with {@code provider} (null: the app's only provider), coming
     * back to {@code redirectUri} and then to the local path {@code redirect}. At most {@link #MAX_STARTS} per client
     * address within {@link #ATTEMPT_TTL}, then that address waits as long.
     */
    public Started start(String appId, String app, String provider, String redirect, URI redirectUri, String clientIp) {
        String back = LocalRedirect.check(redirect);
        ProviderConfig config = provider(app, provider);
        String key = "app-login:" + (clientIp == null ? "unknown" : clientIp);
        if (throttle.locked(key)) {
            throw new AuthException.AppLoginRefused(
                    Reason.RATE_LIMITED,
                    null,
                    "Too many logins were started from your address; try again in a few minutes.");
        }
        throttle.failed(key, MAX_STARTS, ATTEMPT_TTL, ATTEMPT_TTL);
        String state = Secret.generate(), nonce = Secret.generate(), browser = Secret.generate();
        // PKCE verifiers need 43 to 128 characters: two secrets, about 466 bits.
        String verifier = Secret.generate() + Secret.generate();
        URI authorize;
        try {
            authorize = idps.authorizationUri(config, redirectUri, state, nonce, verifier);
        } catch (IdentityProviders.ProviderFailure e) {
            throw refused(e);
        }
        attempts.create(new LoginAttempt(
                Secret.hash(state),
                Secret.hash(browser),
                appId,
                app,
                config.provider(),
                nonce,
                verifier,
                back,
                Instant.now().plus(ATTEMPT_TTL)));
        return new Started(authorize, browser);
    }

    /**
     * Finishes a login at the callback: {@code state}, {@code code} and {@code error} as the provider sent them,
     * {@code browserSecret} from the login cookie (null when missing).
     */
    public Finished finish(
            String appId, String state, String code, String error, String browserSecret, URI redirectUri) {
        if (state == null || state.isEmpty() || state.length() > MAX_SECRET) {
            throw new AuthException.AppLoginRefused(
                    Reason.STATE, "state", "The callback has no valid \"state\"; start the login again.");
        }
        // Consumed before anything else: whatever happens next, this state and its code are spent.
        LoginAttempt attempt = attempts.consume(Secret.hash(state))
                .filter(a -> a.appId().equals(appId))
                .orElseThrow(() -> new AuthException.AppLoginRefused(
                        Reason.STATE,
                        "state",
                        "The login state is unknown, expired or already used; start the login again."));
        if (browserSecret == null
                || browserSecret.length() > MAX_SECRET
                || !MessageDigest.isEqual(Secret.hash(browserSecret), attempt.browserHash())) {
            throw new AuthException.AppLoginRefused(
                    Reason.STATE, "state", "This login was not started in this browser; start the login again.");
        }
        if (error != null) {
            String shown = error.matches("[a-z_]{1,64}") ? error : "error";
            throw new AuthException.AppLoginRefused(
                    Reason.DENIED, null, "The provider did not log you in (" + shown + ").");
        }
        if (code == null || code.isEmpty() || code.length() > 4096) {
            throw new AuthException.AppLoginRefused(
                    Reason.STATE, "code", "The callback has no \"code\"; start the login again.");
        }
        ProviderConfig config = providers
                .get(attempt.app(), attempt.provider())
                .orElseThrow(() ->
                        new AuthException.NotFound("Login provider " + attempt.provider() + " of " + attempt.app()));
        String clientSecret;
        try {
            clientSecret = box.open(config.sealedSecret(), ConfigureAppLogin.context(config.app(), config.provider()));
        } catch (IllegalArgumentException e) {
            throw new AuthException.AppLoginRefused(
                    Reason.PROVIDER_FAILED,
                    null,
                    "The client secret of provider " + config.provider()
                            + " cannot be read (was FAZT_MASTER_KEY changed?); an admin must set it again.");
        }
        Identity identity;
        try {
            identity = idps.exchange(config, clientSecret, redirectUri, code, attempt.codeVerifier(), attempt.nonce());
        } catch (IdentityProviders.ProviderFailure e) {
            throw refused(e);
        }
        if (!providers.access(attempt.app()).admits(identity.email())) {
            throw new AuthException.AppLoginRefused(
                    Reason.NOT_ALLOWED,
                    null,
                    identity.email() == null
                            ? "This app admits only listed email addresses, and the provider gave no verified email."
                            : identity.email() + " may not log in to this app.");
        }
        AppUser user = users.upsert(appId, config.provider(), identity);
        String secret = AppSession.SECRET_PREFIX + Secret.generate();
        users.createSession(
                Secret.id("as_"),
                user.id(),
                appId,
                Secret.hash(secret),
                Instant.now().plus(SESSION_TTL));
        return new Finished(secret, user, attempt.redirect());
    }

    /** The user of the app session {@code secret} on {@code appId}; empty when not live or of another app. */
    public Optional<AppUser> user(String appId, String secret) {
        if (secret == null || secret.length() > MAX_SECRET || !secret.startsWith(AppSession.SECRET_PREFIX)) {
            return Optional.empty();
        }
        return users.findSession(appId, Secret.hash(secret));
    }

    /**
     * Ends the app session {@code secret} on {@code appId} (nothing when it is not live) and tells every gateway to
     * drop it from its cache of resolved sessions.
     */
    public void logout(String appId, String secret) {
        if (secret != null && secret.length() <= MAX_SECRET) {
            byte[] hash = Secret.hash(secret);
            if (users.endSession(appId, hash)) {
                events.revoked(
                        AuthEvents.Kind.APP_SESSION_ENDED, appId, HexFormat.of().formatHex(hash));
            }
        }
    }

    private ProviderConfig provider(String app, String provider) {
        if (provider == null || provider.isEmpty()) {
            List<ProviderConfig> all = providers.list(app);
            if (all.size() != 1) {
                throw new AuthException.InvalidInput(
                        "provider",
                        all.isEmpty()
                                ? "This app has no login providers."
                                : "Name the login provider: ?provider= one of "
                                        + all.stream()
                                                .map(ProviderConfig::provider)
                                                .toList() + ".");
            }
            return all.getFirst();
        }
        return providers
                .get(app, provider)
                .orElseThrow(() -> new AuthException.NotFound("Login provider " + provider + " of this app"));
    }

    private static AuthException refused(IdentityProviders.ProviderFailure e) {
        return new AuthException.AppLoginRefused(
                switch (e.kind()) {
                    case REFUSED -> Reason.PROVIDER;
                    case UNREACHABLE -> Reason.PROVIDER_FAILED;
                    case ID_TOKEN -> Reason.ID_TOKEN;
                },
                null,
                e.getMessage());
    }
}
