package fazt.proto.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The dashboard session contract between auth-svc (which issues sessions) and the gateway (which reads the cookie and
 * enforces CSRF): cookie and header names, the session secret's prefix, and the CSRF token, derived from the session
 * secret so that only a holder of the HttpOnly cookie (or the login answer) knows it and the gateway can check it
 * without a round trip.
 */
public final class AdminSession {
    /** The HttpOnly session cookie on the admin host. */
    public static final String COOKIE = "fazt_session";
    /** The header a cookie-authenticated state-changing request must carry, with {@link #csrfToken}. */
    public static final String CSRF_HEADER = "X-Fazt-Csrf";
    /** Every session secret starts with this, so auth-svc tells sessions from API tokens. */
    public static final String SECRET_PREFIX = "fzs_";

    private AdminSession() {}

    /** The CSRF token belonging to a session secret: base64url(SHA-256("fazt-csrf:" + secret)), no padding. */
    public static String csrfToken(String sessionSecret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("fazt-csrf:" + sessionSecret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
