package fazt.gateway.admin;

import fazt.gateway.edge.Exchange;
import fazt.proto.auth.AdminSession;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What the edge knows about who sends an admin request: the secret it authenticates with (an
 * {@code Authorization: Bearer} token, else the {@code fazt_session} cookie), whether that came from the cookie,
 * whether the connection is HTTPS, the client address and the admin origin it used. It also holds the CSRF rule:
 * a state-changing request must not come from a foreign {@code Origin}, and one authenticated by the cookie must
 * carry the session's CSRF token in {@code X-Fazt-Csrf}. Tokens in the Authorization header are exempt (a browser
 * never adds them on its own).
 */
public record AdminCaller(String secret, boolean fromCookie, boolean https, String clientIp, String origin) {
    /** Reads the caller of the request of {@code ex}, as the intake classified it (scheme and client address). */
    public static AdminCaller of(Exchange ex) {
        HttpRequest request = ex.request();
        String secret = Authenticator.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        boolean fromCookie = false;
        if (secret == null) {
            secret = sessionCookie(request.headers().get(HttpHeaderNames.COOKIE));
            fromCookie = secret != null;
        }
        return new AdminCaller(secret, fromCookie, ex.https(), ex.clientIp(), ex.origin());
    }

    private static String sessionCookie(String header) {
        if (header == null || header.length() > 8192) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(header)) {
            if (cookie.name().equals(AdminSession.COOKIE) && !cookie.value().isEmpty()) {
                return cookie.value();
            }
        }
        return null;
    }

    /**
     * Why a state-changing request fails the CSRF rule, or null when it passes (or changes nothing). Public routes
     * (login) get the Origin check only: a stale cookie must not stand in the way of logging in again.
     */
    public String csrfViolation(HttpRequest request, boolean publicRoute) {
        HttpMethod method = request.method();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return null;
        }
        String sentOrigin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (sentOrigin != null && !sentOrigin.equalsIgnoreCase(origin)) {
            return "Requests from " + sentOrigin + " may not change anything here.";
        }
        if (fromCookie && !publicRoute) {
            String token = request.headers().get(AdminSession.CSRF_HEADER);
            byte[] expected = AdminSession.csrfToken(secret).getBytes(StandardCharsets.UTF_8);
            if (token == null || !MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
                return "A session-authenticated change needs the " + AdminSession.CSRF_HEADER
                        + " header with the csrfToken from login.";
            }
        }
        return null;
    }

    /** {@code Set-Cookie} as auth-svc wrote it, plus {@code Secure} when the caller came over HTTPS. */
    public String cookieHeader(String setCookie) {
        return https && !setCookie.contains("; Secure") ? setCookie + "; Secure" : setCookie;
    }
}
