package fazt.auth.domain;

/** Port: announces revocations so that caches of principals (the gateways') drop them within moments. */
public interface AuthEvents {
    enum Kind {
        TOKEN_REVOKED,
        USER_DISABLED,
        SESSION_ENDED,
        APP_SESSION_ENDED
    }

    /** {@code credential} null: everything of {@code subject} (a user id). */
    void revoked(Kind kind, String subject, String credential);
}
