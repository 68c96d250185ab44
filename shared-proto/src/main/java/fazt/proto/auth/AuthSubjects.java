package fazt.proto.auth;

/** Subjects owned by auth-svc (without the root). */
public final class AuthSubjects {
    /** Request {@link TokenVerifyRequest}; reply {@link TokenVerifyReply}. Never an error for a bad token: {@code valid} false. */
    public static final String TOKEN_VERIFY = "svc.auth.token.verify";
    /**
     * Request {@link PrincipalKeysRequest}; reply {@link PrincipalKeysReply}: the public keys that verify the
     * principal assertions auth-svc signs (ADR 32). Only auth-svc may answer it.
     */
    public static final String PRINCIPAL_KEYS = "svc.auth.principal-keys.get";
    /** Event {@link AccessRevoked}: an API token was revoked. */
    public static final String TOKEN_REVOKED = "evt.auth.token.revoked";
    /** Event {@link AccessRevoked}: a user was disabled or deleted; all their sessions and tokens stop working. */
    public static final String USER_DISABLED = "evt.auth.user.disabled";
    /** Event {@link AccessRevoked}: a dashboard session ended (logout), or all of a user's (logout everywhere). */
    public static final String SESSION_ENDED = "evt.auth.session.ended";
    /**
     * Request {@link AppLoginRequest}; reply {@link AppLoginReply}, or a problem (bad state, refused ID token, not on
     * the allow-list, ...): the login paths on app hosts ({@code /_fazt/auth/*}).
     */
    public static final String APP_LOGIN = "svc.auth.app.login";
    /** Request {@link AppSessionRequest}; reply {@link AppSessionReply}. Never an error for a bad cookie: {@code valid} false. */
    public static final String APP_SESSION = "svc.auth.app.session";
    /**
     * Event {@link AccessRevoked}: an app user's session ended (logout on the app's host); {@code subject} is the app
     * id, {@code credential} the lowercase hex SHA-256 of the session secret (never the secret).
     */
    public static final String APP_SESSION_ENDED = "evt.auth.app.session.ended";
    /** Every auth event, for subscribers that drop caches. */
    public static final String EVENTS = "evt.auth.>";

    private AuthSubjects() {}
}
