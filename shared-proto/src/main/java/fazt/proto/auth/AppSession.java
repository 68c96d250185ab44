package fazt.proto.auth;

/**
 * The app-login contract between auth-svc (which issues app sessions) and the gateway (which forwards the login paths
 * and resolves the cookie for function calls): the login paths and the cookie names. Both cookies are host-only (no
 * {@code Domain}), so they never reach another app's host, and named apart from the admin {@link AdminSession#COOKIE}.
 */
public final class AppSession {
    /** Every login path on an app host starts with this. */
    public static final String PATH_PREFIX = "/_fazt/auth/";
    /** The HttpOnly session cookie of a logged-in app user. */
    public static final String COOKIE = "fazt_app_session";
    /** The short-lived HttpOnly cookie that binds a login in progress to the browser that started it. */
    public static final String LOGIN_COOKIE = "fazt_app_login";
    /** Every app session secret starts with this. */
    public static final String SECRET_PREFIX = "fza_";

    /** The prefix browsers accept only on a Secure, host-only cookie with {@code Path=/} (RFC 6265bis §4.1.3.2). */
    public static final String HOST_PREFIX = "__Host-";

    /**
     * The session cookie's name: under HTTPS with the {@code __Host-} prefix, so that a sibling app on the same
     * domain cannot toss a cookie of that name into this app's login (a {@code Domain} cookie never carries it).
     */
    public static String cookie(boolean https) {
        return https ? HOST_PREFIX + COOKIE : COOKIE;
    }

    /** The login cookie's name, likewise. */
    public static String loginCookie(boolean https) {
        return https ? HOST_PREFIX + LOGIN_COOKIE : LOGIN_COOKIE;
    }

    /** The login cookie's path: only the login paths need it, but a {@code __Host-} cookie must have {@code Path=/}. */
    public static String loginCookiePath(boolean https) {
        return https ? "/" : PATH_PREFIX;
    }

    /** Whether {@code name} is one of the app-login cookies, in either form. */
    public static boolean isLoginCookie(String name) {
        String bare = name.startsWith(HOST_PREFIX) ? name.substring(HOST_PREFIX.length()) : name;
        return bare.equals(COOKIE) || bare.equals(LOGIN_COOKIE);
    }

    private AppSession() {}
}
