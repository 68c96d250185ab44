package fazt.server.applogin;

import static fazt.server.applogin.AppLoginFixture.CLIENT;
import static fazt.server.applogin.AppLoginFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AuthSubjects;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The login of app users, end to end at a real OpenID Connect provider ({@link AppLoginFixture}): login
 * redirect, provider, callback, session cookie, {@code /_fazt/auth/me}, the user handed with a function request,
 * logout; secure cookies under HTTPS; and figures for a login and a function call with a session.
 */
class AppLoginFlowIT {
    @RegisterExtension
    static final AppLoginFixture app = new AppLoginFixture();

    @Test
    void aUserLogsInSeesThemselvesReachesTheFunctionsAndLogsOut() throws Exception {
        AppBrowser browser = app.browser();
        HttpResponse<String> start = browser.get(
                "blog.localhost",
                "/_fazt/auth/login?provider=alice&redirect=" + URLEncoder.encode("/notes?x=1", StandardCharsets.UTF_8));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("location").orElseThrow());
        assertThat(authorize.toString())
                .startsWith("http://localhost:")
                .contains(
                        "/alice/authorize",
                        "state=",
                        "nonce=",
                        "code_challenge=",
                        "code_challenge_method=S256",
                        "client_id=" + CLIENT,
                        "redirect_uri="
                                + URLEncoder.encode(
                                        "http://blog.localhost/_fazt/auth/callback", StandardCharsets.UTF_8));
        assertThat(start.headers().firstValue("set-cookie").orElseThrow())
                .startsWith("fazt_app_login=")
                .contains("HttpOnly", "SameSite=Lax", "Path=/_fazt/auth/")
                .doesNotContain("Domain");

        URI callback = browser.atProvider(authorize);
        HttpResponse<String> done = browser.get("blog.localhost", callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("location")).hasValue("/notes?x=1");
        String session = done.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("fazt_app_session="))
                .findFirst()
                .orElseThrow();
        assertThat(session).contains("Path=/", "HttpOnly", "SameSite=Lax").doesNotContain("Domain", "Secure");

        HttpResponse<String> me = browser.get("blog.localhost", "/_fazt/auth/me");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode user = json(me);
        assertThat(user.path("id").asText()).startsWith("au_");
        assertThat(user.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(user.path("name").asText()).isEqualTo("Alice");
        assertThat(user.path("picture").asText()).isEqualTo("https://example.com/alice.png");
        assertThat(user.path("provider").asText()).isEqualTo("alice");
        assertThat(me.headers().firstValue("cache-control")).hasValue("no-store");

        browser.cookies.get("blog.localhost").put("theme", "dark");
        JsonNode seen = json(browser.get("blog.localhost", "/api/whoami"));
        assertThat(seen.path("user").path("email").asText()).isEqualTo("alice@example.com");
        assertThat(seen.path("user").path("id").asText())
                .isEqualTo(user.path("id").asText());
        assertThat(seen.path("cookie").asText())
                .as("the app never sees the session secret")
                .isEqualTo("theme=dark");

        AppBrowser foreignPage = browser.copy();
        foreignPage.extra = new String[] {"Sec-Fetch-Site", "cross-site"};
        HttpResponse<String> foreign = foreignPage.get("blog.localhost", "/_fazt/auth/logout");
        assertThat(foreign.statusCode())
                .as("a link on another site cannot log the user out")
                .isEqualTo(403);
        assertThat(json(foreign).path("type").asText()).endsWith("/gateway/cross-site-logout");
        assertThat(browser.copy().get("blog.localhost", "/_fazt/auth/me").statusCode())
                .isEqualTo(200);

        String secret = browser.cookies.get("blog.localhost").get("fazt_app_session");
        Subscription ended = app.subscribe(AuthSubjects.APP_SESSION_ENDED);
        HttpResponse<String> out = browser.send("POST", "blog.localhost", "/_fazt/auth/logout");
        assertThat(out.statusCode()).isEqualTo(204);
        Message event = ended.nextMessage(Duration.ofSeconds(5));
        assertThat(event).as("every gateway hears that the session ended").isNotNull();
        AccessRevoked revoked = MessageCodec.INSTANCE.decode(event.getData(), AccessRevoked.class);
        assertThat(revoked.subject()).isEqualTo("app_blog");
        assertThat(revoked.credential())
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
        assertThat(out.headers().firstValue("set-cookie").orElseThrow())
                .startsWith("fazt_app_session=;")
                .contains("Max-Age=0");
        HttpResponse<String> after = browser.copy().get("blog.localhost", "/_fazt/auth/me");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after).path("type").asText()).isEqualTo("https://errors.fazt.dev/auth/app-login-required");
        assertThat(json(browser.copy().get("blog.localhost", "/api/whoami"))
                        .path("user")
                        .isNull())
                .as("the ended session no longer reaches the functions through this gateway")
                .isTrue();
    }

    @Test
    void underHttpsTheCookiesAreSecureAndHostPrefixed() throws Exception {
        AppBrowser browser = app.browser();
        browser.extra = new String[] {"X-Forwarded-Proto", "https"}; // the suite trusts loopback as its proxy
        HttpResponse<String> start = browser.get("blog.localhost", "/_fazt/auth/login?provider=alice");
        assertThat(start.headers().firstValue("set-cookie").orElseThrow())
                .startsWith("__Host-fazt_app_login=")
                .contains("; Path=/;")
                .endsWith("; Secure");
        assertThat(start.headers().firstValue("location").orElseThrow())
                .contains(URLEncoder.encode("https://blog.localhost/_fazt/auth/callback", StandardCharsets.UTF_8));
    }

    /** Figures for the docs, not asserted: a whole login (three legs) and a function call with a session. */
    @Test
    void measuresALoginAndAFunctionCallWithASession() throws Exception {
        long[] logins = new long[10];
        AppBrowser browser = null;
        for (int i = 0; i < logins.length; i++) {
            browser = app.browser();
            long t = System.nanoTime();
            assertThat(browser.loginThrough("notes.localhost", "alice").statusCode())
                    .isEqualTo(302);
            logins[i] = System.nanoTime() - t;
        }
        long first = System.nanoTime();
        assertThat(json(browser.get("notes.localhost", "/api/whoami"))
                        .path("user")
                        .path("email")
                        .asText())
                .isEqualTo("alice@example.com");
        first = System.nanoTime() - first;
        long[] cached = new long[20];
        for (int i = 0; i < cached.length; i++) {
            long t = System.nanoTime();
            browser.get("notes.localhost", "/api/whoami");
            cached[i] = System.nanoTime() - t;
        }
        Arrays.sort(logins);
        Arrays.sort(cached);
        System.out.printf(
                "app login: median %.1f ms over %d logins; /api/ with a session: first %.1f ms, cached median %.1f ms%n",
                logins[logins.length / 2] / 1e6, logins.length, first / 1e6, cached[cached.length / 2] / 1e6);
    }
}
