package fazt.server.applogin;

import static fazt.server.applogin.AppLoginFixture.assertRefused;
import static fazt.server.applogin.AppLoginFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an app session is good for ({@link AppLoginFixture}): nothing without a cookie or with a forged one, and
 * nothing on another app's host, where a login state started for one app does not finish either.
 */
class AppLoginSessionsIT {
    @RegisterExtension
    static final AppLoginFixture app = new AppLoginFixture();

    @Test
    void withoutACookieMeIs401AndTheFunctionsSeeNoUser() throws Exception {
        AppBrowser browser = app.browser();
        HttpResponse<String> me = browser.get("blog.localhost", "/_fazt/auth/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.headers().firstValue("content-type")).hasValue("application/problem+json");
        browser.cookies.get("blog.localhost").put("fazt_app_session", "fza_forged0000000000000000000000000000000");
        assertThat(browser.get("blog.localhost", "/_fazt/auth/me").statusCode()).isEqualTo(401);
        assertThat(json(browser.get("blog.localhost", "/api/whoami"))
                        .path("user")
                        .isNull())
                .isTrue();
    }

    @Test
    void oneAppsSessionIsNotValidOnAnotherAppsHost() throws Exception {
        AppBrowser browser = app.browser();
        assertThat(browser.loginThrough("blog.localhost", "alice").statusCode()).isEqualTo(302);
        String secret = browser.cookies.get("blog.localhost").get("fazt_app_session");
        assertThat(browser.get("blog.localhost", "/_fazt/auth/me").statusCode()).isEqualTo(200);
        // the cookie is host-only, so a browser would not send it; a copied value must not work either
        browser.cookies.get("notes.localhost").put("fazt_app_session", secret);
        assertThat(browser.get("notes.localhost", "/_fazt/auth/me").statusCode())
                .isEqualTo(401);
        assertThat(json(browser.get("notes.localhost", "/api/whoami"))
                        .path("user")
                        .isNull())
                .isTrue();
        // nor does a login state started for blog finish on notes
        AppBrowser other = app.browser();
        URI callback = other.atProvider(other.loginStart("blog.localhost", "alice"));
        other.cookies.get("notes.localhost").putAll(other.cookies.get("blog.localhost"));
        assertRefused(
                other.get("notes.localhost", callback.getRawPath() + "?" + callback.getRawQuery()),
                400,
                "auth/app-login-state");
    }
}
