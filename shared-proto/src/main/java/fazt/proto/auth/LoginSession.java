package fazt.proto.auth;

import java.time.Instant;

/**
 * A dashboard session just started ({@code POST /api/auth/login} without {@code tokenName}): the account, the CSRF
 * token the dashboard sends as {@code X-Fazt-Csrf} on changes, and when the session ends. The session secret travels
 * only in the {@code Set-Cookie} header.
 */
public record LoginSession(UserView user, String csrfToken, Instant expiresAt) {}
