package fazt.server.applogin;

import static fazt.server.applogin.AppLoginFixture.assertRefused;
import static fazt.server.applogin.AppLoginFixture.json;
import static fazt.server.applogin.AppLoginFixture.refusalDetail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logins that must fail, each with its problem+json ({@link AppLoginFixture}): a tampered or replayed state, a
 * code replayed with a fresh state, a callback from another browser, a wrong audience, an expired ID token, an address
 * off the allow-list, a redirect to another site, an unknown provider and other methods.
 */
class AppLoginRefusalsIT {
    @RegisterExtension
    static final AppLoginFixture app = new AppLoginFixture();

    @Test
    void aTamperedStateIsRefused() throws Exception {
        AppBrowser browser = app.browser();
        URI callback = browser.atProvider(browser.loginStart("blog.localhost", "alice"));
        String tampered = callback.getRawQuery().replaceFirst("state=([^&]+)", "state=$1x");
        HttpResponse<String> done = browser.get("blog.localhost", callback.getRawPath() + "?" + tampered);
        assertRefused(done, 400, "auth/app-login-state");
        assertThat(done.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("fazt_app_session="));
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        AppBrowser browser = app.browser();
        URI callback = browser.atProvider(browser.loginStart("blog.localhost", "alice"));
        String path = callback.getRawPath() + "?" + callback.getRawQuery();
        assertThat(browser.get("blog.localhost", path).statusCode()).isEqualTo(302);
        HttpResponse<String> replay = browser.get("blog.localhost", path);
        assertThat(refusalDetail(replay, 400, "auth/app-login-state")).contains("already used");
    }

    @Test
    void aCodeReplayedWithAFreshStateIsRefusedByTheProvider() throws Exception {
        AppBrowser browser = app.browser();
        URI first = browser.atProvider(browser.loginStart("blog.localhost", "alice"));
        assertThat(browser.get("blog.localhost", first.getRawPath() + "?" + first.getRawQuery())
                        .statusCode())
                .isEqualTo(302);
        String code = first.getRawQuery().replaceFirst(".*code=([^&]+).*", "$1");
        // a new login of the same browser gives a valid state; the old code does not go with it
        URI second = browser.loginStart("blog.localhost", "alice");
        String state = second.getRawQuery().replaceFirst(".*state=([^&]+).*", "$1");
        HttpResponse<String> replay =
                browser.get("blog.localhost", "/_fazt/auth/callback?code=" + code + "&state=" + state);
        assertThat(refusalDetail(replay, 401, "auth/app-login-provider")).contains("invalid_grant");
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() throws Exception {
        AppBrowser victim = app.browser();
        AppBrowser attacker = app.browser();
        URI callback = attacker.atProvider(attacker.loginStart("blog.localhost", "alice"));
        HttpResponse<String> done = victim.get("blog.localhost", callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(refusalDetail(done, 400, "auth/app-login-state")).contains("not started in this browser");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        HttpResponse<String> done = app.browser().loginThrough("blog.localhost", "wrongaud");
        assertThat(refusalDetail(done, 401, "auth/app-login-id-token")).containsIgnoringCase("audience");
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        HttpResponse<String> done = app.browser().loginThrough("blog.localhost", "expired");
        assertThat(refusalDetail(done, 401, "auth/app-login-id-token")).containsIgnoringCase("expired");
    }

    @Test
    void anAddressOffTheAllowListIsRefused() throws Exception {
        HttpResponse<String> done = app.browser().loginThrough("blog.localhost", "mallory");
        assertThat(refusalDetail(done, 403, "auth/app-login-not-allowed")).contains("mallory@evil.test");
        AppBrowser browser = app.browser();
        assertThat(browser.loginThrough("notes.localhost", "mallory").statusCode())
                .as("notes has no allow-list")
                .isEqualTo(302);
        JsonNode me = json(browser.get("notes.localhost", "/_fazt/auth/me"));
        assertThat(me.path("email").asText()).isEqualTo("mallory@evil.test");
        assertThat(me.has("name") && me.get("name").isNull())
                .as("unknown fields are null, not missing")
                .isTrue();
    }

    @Test
    void anAddressTheProviderDoesNotVouchForNeverMatchesTheAllowList() throws Exception {
        HttpResponse<String> done = app.browser().loginThrough("blog.localhost", "unverified");
        refusalDetail(done, 403, "auth/app-login-not-allowed");
        AppBrowser browser = app.browser();
        assertThat(browser.loginThrough("notes.localhost", "unverified").statusCode())
                .as("notes has no allow-list")
                .isEqualTo(302);
        JsonNode me = json(browser.get("notes.localhost", "/_fazt/auth/me"));
        assertThat(me.path("email").isNull())
                .as("an unverified address is not passed on")
                .isTrue();
    }

    @Test
    void aRedirectToAnotherSiteIsRefused() throws Exception {
        for (String target : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "evil")) {
            HttpResponse<String> start = app.browser()
                    .get(
                            "blog.localhost",
                            "/_fazt/auth/login?provider=alice&redirect="
                                    + URLEncoder.encode(target, StandardCharsets.UTF_8));
            assertRefused(start, 400, "auth/invalid-request");
            assertThat(json(start).path("errors").get(0).path("field").asText()).isEqualTo("redirect");
        }
    }

    @Test
    void anUnknownProviderIs404AndOtherMethodsAre405() throws Exception {
        assertRefused(app.browser().get("blog.localhost", "/_fazt/auth/login?provider=nope"), 404, "auth/not-found");
        assertThat(app.browser()
                        .send("POST", "blog.localhost", "/_fazt/auth/me")
                        .statusCode())
                .isEqualTo(405);
        assertThat(app.browser().get("admin.localhost", "/_fazt/auth/me").statusCode())
                .as("not on the admin host")
                .isEqualTo(404);
    }
}
