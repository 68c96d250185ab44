package fazt.auth.api;

import fazt.auth.domain.AuthException;
import fazt.auth.domain.AuthException.AppLoginRefused.Reason;
import fazt.auth.domain.appauth.AppLogin;
import fazt.auth.domain.appauth.LocalRedirect;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.auth.AppLoginReply;
import fazt.proto.auth.AppLoginRequest;
import fazt.proto.auth.AppSession;
import fazt.proto.auth.AuthSubjects;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code svc.auth.app.login}: the login paths on app hosts, forwarded by the gateway with the app from the host's
 * route.
 * <ul>
 *   <li>{@code /_fazt/auth/login?provider=&redirect=}: 302 to the provider, with the login cookie;</li>
 *   <li>{@code /_fazt/auth/callback?code=&state=}: 302 to the {@code redirect} path with the session cookie;</li>
 *   <li>{@code /_fazt/auth/logout[?redirect=]}: ends the session, clears the cookie, 204 (or 302);</li>
 *   <li>{@code /_fazt/auth/me}: 200 with the user, or 401 {@code auth/app-login-required}.</li>
 * </ul>
 */
@Singleton
final class AppLoginEndpoint implements RequestEndpoint {
    static final String LOGIN = AppSession.PATH_PREFIX + "login",
            CALLBACK = AppSession.PATH_PREFIX + "callback",
            LOGOUT = AppSession.PATH_PREFIX + "logout",
            ME = AppSession.PATH_PREFIX + "me";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");
    private static final int MAX_QUERY = 8192;
    private final AppLogin login;

    AppLoginEndpoint(AppLogin login) {
        this.login = login;
    }

    @Override
    public String subject() {
        return AuthSubjects.APP_LOGIN;
    }

    @Override
    public AppLoginReply handle(IncomingRequest request) {
        AppLoginRequest r = request.body(AppLoginRequest.class);
        try {
            Map<String, String> query = query(r.query());
            String session = AppLoginCookies.read(r.cookie(), AppSession.cookie(r.https()));
            return switch (r.path()) {
                case LOGIN -> {
                    AppLogin.Started started = login.start(
                            r.appId(),
                            r.app(),
                            query.get("provider"),
                            query.get("redirect"),
                            callbackUri(r),
                            r.clientIp());
                    yield new AppLoginReply(
                            302,
                            started.authorizationUri().toString(),
                            List.of(AppLoginCookies.set(
                                    AppSession.loginCookie(r.https()),
                                    started.browserSecret(),
                                    AppSession.loginCookiePath(r.https()),
                                    AppLogin.ATTEMPT_TTL,
                                    r.https())),
                            null);
                }
                case CALLBACK -> {
                    AppLogin.Finished finished = login.finish(
                            r.appId(),
                            query.get("state"),
                            query.get("code"),
                            query.get("error"),
                            AppLoginCookies.read(r.cookie(), AppSession.loginCookie(r.https())),
                            callbackUri(r));
                    yield new AppLoginReply(
                            302,
                            finished.redirect(),
                            List.of(
                                    AppLoginCookies.set(
                                            AppSession.cookie(r.https()),
                                            finished.sessionSecret(),
                                            "/",
                                            AppLogin.SESSION_TTL,
                                            r.https()),
                                    AppLoginCookies.clear(
                                            AppSession.loginCookie(r.https()),
                                            AppSession.loginCookiePath(r.https()),
                                            r.https())),
                            null);
                }
                case LOGOUT -> {
                    String back = query.containsKey("redirect") ? LocalRedirect.check(query.get("redirect")) : null;
                    login.logout(r.appId(), session);
                    yield new AppLoginReply(
                            back == null ? 204 : 302,
                            back,
                            List.of(AppLoginCookies.clear(AppSession.cookie(r.https()), "/", r.https())),
                            null);
                }
                case ME ->
                    new AppLoginReply(
                            200,
                            null,
                            List.of(),
                            login.user(r.appId(), session)
                                    .orElseThrow(() -> new AuthException.AppLoginRefused(
                                            Reason.LOGIN_REQUIRED, null, "Not logged in to this app.")));
                default -> throw new AuthException.NotFound("The login path " + r.path());
            };
        } catch (AuthException e) {
            throw ProblemMapper.toProblem(e);
        }
    }

    /** Where the provider sends the browser back: this very host's callback path. */
    private static URI callbackUri(AppLoginRequest r) {
        if (r.host() == null || !HOST.matcher(r.host()).matches()) {
            throw new AuthException.InvalidInput("host", "The request's Host is not valid for a login.");
        }
        return URI.create((r.https() ? "https://" : "http://") + r.host() + CALLBACK);
    }

    /** The query parameters (the first of each name), decoded. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        if (raw.length() > MAX_QUERY) {
            throw new AuthException.InvalidInput("query", "The query string is too long.");
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new AuthException.InvalidInput("query", "The query string is not valid percent-encoding.");
            }
        }
        return out;
    }
}
