package fazt.proto.auth;

/** The answer of {@code DELETE /api/users/{id}}: the account as it was, and what became of its apps. */
public record UserDeleted(UserView deleted, AppsHandedOver apps) {}
