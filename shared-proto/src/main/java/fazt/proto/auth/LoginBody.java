package fazt.proto.auth;

import java.time.Instant;

/**
 * The body of {@code POST /api/auth/login}. Without {@code tokenName} it starts a dashboard session; with it the
 * password buys an API token of that name with the account's scopes, expiring after {@code expiresInDays} (1 to 3650)
 * or at {@code expiresAt}, or never.
 */
public record LoginBody(String username, String password, String tokenName, Integer expiresInDays, Instant expiresAt) {}
