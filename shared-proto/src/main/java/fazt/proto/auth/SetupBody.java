package fazt.proto.auth;

/** The body of {@code POST /api/auth/setup}: the one-time setup secret and the first admin account. */
public record SetupBody(String secret, String username, String password, String email) {}
