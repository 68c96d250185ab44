package fazt.gateway.admin;

import fazt.platform.nats.NatsRequester;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the caller of an admin request once, through auth-svc, and caches the answer for {@link #CACHE_FOR} under
 * the secret's SHA-256 (the secret itself is never kept). Revocation events from auth-svc ({@link RevocationListener})
 * drop the affected entries at once; the short TTL is only the safety net for a lost event.
 */
@Singleton
public final class Authenticator {
    public static final Duration CACHE_FOR = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_CACHED = 10_000;
    static final int MAX_SECRET = 512;

    private final NatsRequester nats;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    Authenticator(NatsRequester nats) {
        this.nats = nats;
    }

    private record Cached(Optional<Principal> principal, long expiresAtNanos) {}

    /** The bearer token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** The principal of {@code authorization} ({@code Bearer <token>}), or empty for anything not valid. */
    public CompletableFuture<Optional<Principal>> principal(String authorization) {
        return principalOfSecret(bearer(authorization));
    }

    /** The principal of a bearer token or session secret, or empty for anything not valid. */
    public CompletableFuture<Optional<Principal>> principalOfSecret(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String key = sha256(secret);
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return CompletableFuture.completedFuture(cached.principal());
        }
        return nats.request(AuthSubjects.TOKEN_VERIFY, new TokenVerifyRequest(secret), TokenVerifyReply.class, TIMEOUT)
                .thenApply(reply -> {
                    Optional<Principal> principal = reply.valid() ? Optional.ofNullable(reply.principal()) : Optional.empty();
                    if (cache.size() > MAX_CACHED) {
                        cache.clear();
                    }
                    cache.put(key, new Cached(principal, System.nanoTime() + CACHE_FOR.toNanos()));
                    return principal;
                });
    }

    /** Drops every cached principal {@code revoked} affects; returns how many. */
    int drop(fazt.proto.auth.AccessRevoked revoked) {
        int before = cache.size();
        cache.values().removeIf(c -> c.principal().map(revoked::affects).orElse(false));
        return before - cache.size();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
