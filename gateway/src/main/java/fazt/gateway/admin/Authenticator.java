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
 * the token's SHA-256 (the token itself is never kept). Revocation therefore reaches this gateway within that time.
 */
@Singleton
public final class Authenticator {
    public static final Duration CACHE_FOR = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_CACHED = 10_000;

    private final NatsRequester nats;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    Authenticator(NatsRequester nats) {
        this.nats = nats;
    }

    private record Cached(Optional<Principal> principal, long expiresAtNanos) {}

    /** The principal of {@code authorization} ({@code Bearer <token>}), or empty for anything not valid. */
    public CompletableFuture<Optional<Principal>> principal(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty() || token.length() > 512) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String key = sha256(token);
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return CompletableFuture.completedFuture(cached.principal());
        }
        return nats.request(AuthSubjects.TOKEN_VERIFY, new TokenVerifyRequest(token), TokenVerifyReply.class, TIMEOUT)
                .thenApply(reply -> {
                    Optional<Principal> principal = reply.valid() ? Optional.ofNullable(reply.principal()) : Optional.empty();
                    if (cache.size() > MAX_CACHED) {
                        cache.clear();
                    }
                    cache.put(key, new Cached(principal, System.nanoTime() + CACHE_FOR.toNanos()));
                    return principal;
                });
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
