package fazt.proto.auth;

/** The body of {@code POST /api/users}; {@code role} is {@code admin}, {@code developer} (the default) or {@code viewer}. */
public record CreateUserBody(String username, String password, String email, String role) {}
