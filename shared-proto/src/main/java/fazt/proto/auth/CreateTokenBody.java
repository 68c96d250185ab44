package fazt.proto.auth;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/tokens}: a name, scopes within the caller's own, and an expiry after
 * {@code expiresInDays} (1 to 3650) or at {@code expiresAt}, or none.
 */
public record CreateTokenBody(String name, List<String> scopes, Integer expiresInDays, Instant expiresAt) {}
