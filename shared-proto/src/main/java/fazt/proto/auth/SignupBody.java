package fazt.proto.auth;

/** The body of {@code POST /api/auth/signup}; {@code email} is optional. */
public record SignupBody(String username, String password, String email) {}
