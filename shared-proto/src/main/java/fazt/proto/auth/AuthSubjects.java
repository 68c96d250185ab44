package fazt.proto.auth;

/** Request subjects owned by auth-svc (without the root). */
public final class AuthSubjects {
    /** Request {@link TokenVerifyRequest}; reply {@link TokenVerifyReply}. Never an error for a bad token: {@code valid} false. */
    public static final String TOKEN_VERIFY = "svc.auth.token.verify";

    private AuthSubjects() {}
}
