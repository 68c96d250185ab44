package fazt.auth.domain;

import java.time.Instant;
import java.util.List;

/**
 * A named API token of a user: its scopes, optional expiry, last use and revocation. Never holds the secret.
 * {@code mintedBy} is the credential it was created with ({@code bootstrap}, or a token or session id); a token without
 * a user belongs to that credential.
 */
public record ApiToken(
        String id,
        String userId,
        String name,
        List<String> scopes,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String mintedBy) {}
