package fazt.gateway.admin;

import fazt.platform.cache.BoundedCache;
import fazt.platform.nats.NatsRequester;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves the caller of an admin request once, through auth-svc, and keeps the answer in a {@link BoundedCache}
 * ({@code gateway.principals}) under the secret's SHA-256 (the secret itself is never kept): a principal for
 * {@link #CACHE_FOR}, a refusal for {@link #REFUSED_FOR} (no secret auth-svc refused becomes valid later; the shorter
 * life only frees the room of guessed secrets sooner). Concurrent checks of one secret are one request. Revocation
 * events from auth-svc ({@link RevocationListener}) drop the affected entries at once, and every check still under way
 * (its answer may predate the revocation); the short TTL is only the safety net for a lost event.
 */
@Singleton
public final class Authenticator {
    public static final Duration CACHE_FOR = Duration.ofSeconds(10);
    /** How long a refused secret is answered without asking auth-svc again. */
    public static final Duration REFUSED_FOR = Duration.ofSeconds(5);

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_CACHED = 10_000;
    static final int MAX_SECRET = 512;

    private final NatsRequester nats;
    private final BoundedCache<String, Optional<Principal>> cache;

    Authenticator(NatsRequester nats, MeterRegistry metrics) {
        this.nats = nats;
        this.cache = BoundedCache.<String, Optional<Principal>>named("gateway.principals")
                .maxEntries(MAX_CACHED)
                .positiveFor(CACHE_FOR)
                .negativeFor(REFUSED_FOR, Optional::isEmpty)
                .build(metrics);
    }

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
        return cache.get(sha256(secret), key -> nats.request(
                        AuthSubjects.TOKEN_VERIFY, new TokenVerifyRequest(secret), TokenVerifyReply.class, TIMEOUT)
                .thenApply(reply -> reply.valid() ? Optional.ofNullable(reply.principal()) : Optional.empty()));
    }

    /** Drops every cached principal {@code revoked} affects, and every check under way; returns how many. */
    int drop(AccessRevoked revoked) {
        return cache.dropIf((key, principal) -> principal.map(revoked::affects).orElse(false));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
