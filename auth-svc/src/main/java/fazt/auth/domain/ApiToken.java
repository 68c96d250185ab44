package fazt.auth.domain;

import java.time.Instant;
import java.util.List;

/** A named API token of a user: its scopes, optional expiry, last use and revocation. Never holds the secret. */
public record ApiToken(
        String id,
        String userId,
        String name,
        List<String> scopes,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {}
