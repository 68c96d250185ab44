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

    private AppSession() {}
}
