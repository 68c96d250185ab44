package fazt.auth.domain.appauth;

/**
 * Who a provider says logged in: its stable {@code subject} for the user, the {@code email} only when the provider
 * vouches for it (verified), and the display {@code name} and {@code picture} URL when given (else null).
 */
public record Identity(String subject, String email, String name, String picture) {}
