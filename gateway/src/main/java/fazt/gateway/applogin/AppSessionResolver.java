package fazt.gateway.applogin;

import fazt.platform.cache.BoundedCache;
import fazt.platform.nats.NatsRequester;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AppSession;
import fazt.proto.auth.AppSessionReply;
import fazt.proto.auth.AppSessionRequest;
import fazt.proto.auth.AppUser;
import fazt.proto.auth.AuthSubjects;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the app user of a request to an app's functions from its {@link AppSession#COOKIE} through auth-svc
 * ({@code svc.auth.app.session}), kept in a {@link BoundedCache} ({@code gateway.app_sessions}) under the app id and
 * the secret's SHA-256: a user for {@link #CACHE_FOR}, a refused session for {@link #REFUSED_FOR}. The session
 * is looked up for the app of the host's route only, so another app's cookie value is not valid here. When auth-svc
 * cannot answer, the request goes on without a user (never with a guessed one). It also removes the app-login
 * cookies from the Cookie header the app's code sees: the app needs {@code ctx.user}, not the session secret.
 */
@Singleton
public final class AppSessionResolver {
    /** How long a resolved session is reused without asking auth-svc. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(5);
    /** How long a refused session (ended, expired or unknown) is answered without asking auth-svc again. */
    public static final Duration REFUSED_FOR = Duration.ofSeconds(2);

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final int MAX_CACHED = 10_000, MAX_HEADER = 8192;
    private static final Logger log = LoggerFactory.getLogger(AppSessionResolver.class);

    private final NatsRequester nats;
    private final BoundedCache<String, Optional<AppUser>> cache;

    AppSessionResolver(NatsRequester nats, MeterRegistry metrics) {
        this.nats = nats;
        this.cache = BoundedCache.<String, Optional<AppUser>>named("gateway.app_sessions")
                .maxEntries(MAX_CACHED)
                .positiveFor(CACHE_FOR)
                .negativeFor(REFUSED_FOR, Optional::isEmpty)
                .build(metrics);
    }

    /**
     * The user logged in to app {@code appId} by the session cookie in {@code cookieHeader} (its {@code __Host-} form
     * under HTTPS), or null.
     */
    public CompletableFuture<AppUser> user(String appId, String cookieHeader, boolean https) {
        String secret = sessionSecret(cookieHeader, https);
        if (secret == null || appId == null) {
            return CompletableFuture.completedFuture(null);
        }
        return cache.get(key(appId, secret), key -> nats.request(
                                AuthSubjects.APP_SESSION,
                                new AppSessionRequest(appId, secret),
                                AppSessionReply.class,
                                TIMEOUT)
                        .thenApply(
                                reply -> reply.valid() ? Optional.ofNullable(reply.user()) : Optional.<AppUser>empty()))
                .handle((user, failure) -> {
                    if (failure != null) {
                        Throwable cause = NatsRequester.causeOf(failure);
                        log.warn(
                                "app session lookup failed, going on without a user app={} reason={}",
                                appId,
                                cause.getClass().getSimpleName());
                        return null;
                    }
                    return user.orElse(null);
                });
    }

    /** Drops the cached user of this cookie on {@code appId} (after a logout through this gateway). */
    void forget(String appId, String cookieHeader, boolean https) {
        String secret = sessionSecret(cookieHeader, https);
        if (secret != null) {
            cache.drop(key(appId, secret));
        }
    }

    /**
     * Drops the cached user of an ended app session everywhere: {@code revoked} names the app ({@code subject}) and the
     * SHA-256 of the secret ({@code credential}, hex), as auth-svc announces on {@code evt.auth.app.session.ended}.
     */
    public boolean drop(AccessRevoked revoked) {
        return revoked.subject() != null
                && revoked.credential() != null
                && cache.drop(revoked.subject() + ":" + revoked.credential());
    }

    /** The app session secret in a Cookie header, or null. */
    static String sessionSecret(String cookieHeader, boolean https) {
        if (cookieHeader == null || cookieHeader.length() > MAX_HEADER) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(cookieHeader)) {
            if (cookie.name().equals(AppSession.cookie(https)) && cookie.value().startsWith(AppSession.SECRET_PREFIX)) {
                return cookie.value();
            }
        }
        return null;
    }

    /** {@code cookieHeader} without the app-login cookies, or null when nothing else is left. */
    public static String withoutLoginCookies(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (String part : cookieHeader.split(";")) {
            String name =
                    part.contains("=") ? part.substring(0, part.indexOf('=')).trim() : part.trim();
            if (name.isEmpty() || AppSession.isLoginCookie(name)) {
                continue;
            }
            kept.append(kept.isEmpty() ? "" : "; ").append(part.trim());
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    private static String key(String appId, String secret) {
        try {
            return appId + ":"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
