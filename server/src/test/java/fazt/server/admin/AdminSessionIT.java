package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.AuthService;
import fazt.deploy.DeployService;
import fazt.gateway.GatewayService;
import fazt.gateway.admin.Authenticator;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard session through the real gateway and auth-svc: the login cookie, CSRF on changes made with it, and
 * revocation (logout, token revoke, user disable) reaching the gateway's principal cache within moments.
 */
class AdminSessionIT {
    static final String TOKEN = "it-gateway-admin-token-0123456789";
    static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(
                    new GatewayService(), new AuthService(), new DeployService(), bare(ServiceName.STORAGE))
            .with("FAZT_ADMIN_TOKEN", TOKEN)
            .with("FAZT_ADMIN_USER", "ana")
            .with("FAZT_ADMIN_PASSWORD", PASSWORD)
            // the tests stand in for an HTTPS-terminating proxy on loopback (X-Forwarded-Proto)
            .with("FAZT_TRUSTED_PROXIES", "127.0.0.0/8");

    static final AdminEdge edge = new AdminEdge(suite);

    static ServiceDefinition bare(ServiceName name) {
        return () -> name;
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    record Session(String cookie, String csrf) {}

    static Session login(String user, String... headers) throws Exception {
        HttpResponse<String> response = edge.call(
                "POST",
                "/api/auth/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}",
                headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return new Session(
                setCookie.substring(0, setCookie.indexOf(';')),
                json(response).path("csrfToken").asText());
    }

    static String bootstrap() {
        return "Bearer " + TOKEN;
    }

    @Test
    void healthShowsDetailsToReadersOnlyAndTheAdminOriginIsLockedDown() throws Exception {
        HttpResponse<String> anyone = edge.call("GET", "/_fazt/health", null);
        assertThat(json(anyone).get("services").get(0).has("checks")).isFalse();
        HttpResponse<String> reader = edge.call("GET", "/_fazt/health", null, "Authorization", bootstrap());
        assertThat(json(reader).get("services").get(0).has("checks")).isTrue();
        HttpResponse<String> api =
                edge.call("GET", "/api/me", null, "Authorization", bootstrap(), "X-Forwarded-Proto", "https");
        assertThat(api.headers().firstValue("content-security-policy").orElseThrow())
                .contains("sandbox", "frame-ancestors 'none'");
        assertThat(api.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(api.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(api.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");
        assertThat(edge.call("GET", "/api/me", null, "Authorization", bootstrap())
                        .headers()
                        .firstValue("strict-transport-security"))
                .as("plain HTTP: no HSTS")
                .isEmpty();
        assertThat(edge.call("GET", "/nothing-here", null).headers().firstValue("content-security-policy"))
                .isPresent();
    }

    @Test
    void loginSetsAnHttpOnlyLaxCookieThatIsSecureOnlyUnderHttps() throws Exception {
        HttpResponse<String> plain =
                edge.call("POST", "/api/auth/login", "{\"username\":\"ana\",\"password\":\"" + PASSWORD + "\"}");
        String cookie = plain.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("fazt_session=")
                .contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure");
        assertThat(plain.headers().firstValue("cache-control")).hasValue("no-store");
        HttpResponse<String> tls = edge.call(
                "POST",
                "/api/auth/login",
                "{\"username\":\"ana\",\"password\":\"" + PASSWORD + "\"}",
                "X-Forwarded-Proto",
                "https");
        assertThat(tls.headers().firstValue("set-cookie").orElseThrow()).endsWith("; Secure");
        HttpResponse<String> wrong =
                edge.call("POST", "/api/auth/login", "{\"username\":\"ana\",\"password\":\"nope nope nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("set-cookie")).isEmpty();
    }

    @Test
    void theCookieAuthenticatesReadsButChangesNeedTheCsrfTokenAndTheRightOrigin() throws Exception {
        Session s = login("ana");
        assertThat(edge.call("GET", "/api/me", null, "Cookie", s.cookie()).statusCode())
                .isEqualTo(200);
        String body = "{\"name\":\"dash\",\"scopes\":[\"read\"]}";
        HttpResponse<String> noToken = edge.call("POST", "/api/tokens", body, "Cookie", s.cookie());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(json(noToken).path("type").asText()).isEqualTo("https://errors.fazt.dev/auth/csrf");
        assertThat(edge.call("POST", "/api/tokens", body, "Cookie", s.cookie(), "X-Fazt-Csrf", "forged")
                        .statusCode())
                .isEqualTo(403);
        assertThat(edge.call(
                                "POST",
                                "/api/tokens",
                                body,
                                "Cookie",
                                s.cookie(),
                                "X-Fazt-Csrf",
                                s.csrf(),
                                "Origin",
                                "http://evil.example")
                        .statusCode())
                .isEqualTo(403);
        assertThat(edge.call(
                                "POST",
                                "/api/tokens",
                                body,
                                "Cookie",
                                s.cookie(),
                                "X-Fazt-Csrf",
                                s.csrf(),
                                "Origin",
                                "http://admin.localhost")
                        .statusCode())
                .isEqualTo(201);
        assertThat(edge.call("POST", "/api/tokens", body, "Authorization", bootstrap())
                        .statusCode())
                .as("a bearer token needs no CSRF token")
                .isEqualTo(201);
        assertThat(edge.call(
                                "POST",
                                "/api/auth/login",
                                "{\"username\":\"ana\",\"password\":\"" + PASSWORD + "\"}",
                                "Origin",
                                "http://evil.example")
                        .statusCode())
                .as("no login from a foreign page")
                .isEqualTo(403);
    }

    @Test
    void logoutEndsTheSessionOnTheGatewayAtOnce() throws Exception {
        Session s = login("ana");
        assertThat(edge.call("GET", "/api/me", null, "Cookie", s.cookie()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> out =
                edge.call("POST", "/api/auth/logout", null, "Cookie", s.cookie(), "X-Fazt-Csrf", s.csrf());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(rejectedWithin(s.cookie(), null)).isLessThan(Authenticator.CACHE_FOR);
    }

    @Test
    void revokingATokenStopsItOnTheGatewayWithinMoments() throws Exception {
        JsonNode created = json(edge.call(
                "POST", "/api/tokens", "{\"name\":\"ci\",\"scopes\":[\"deploy:blog\"]}", "Authorization", bootstrap()));
        String token = created.path("token").asText();
        assertThat(edge.call("GET", "/api/me", null, "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(edge.call("DELETE", "/api/tokens/" + created.path("id").asText(), null, "Authorization", bootstrap())
                        .statusCode())
                .isEqualTo(200);
        Duration took = rejectedWithin(null, token);
        assertThat(took).isLessThan(Authenticator.CACHE_FOR);
        System.out.println("token revocation reached the gateway in " + took.toMillis() + " ms");
    }

    @Test
    void disablingAUserStopsTheirSessionAndTokensOnTheGateway() throws Exception {
        String name = "dev" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(edge.call(
                                "POST",
                                "/api/users",
                                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}",
                                "Authorization",
                                bootstrap())
                        .statusCode())
                .isEqualTo(201);
        Session s = login(name);
        String token = json(edge.call(
                        "POST",
                        "/api/tokens",
                        "{\"name\":\"t\",\"scopes\":[\"deploy:*\"]}",
                        "Cookie",
                        s.cookie(),
                        "X-Fazt-Csrf",
                        s.csrf()))
                .path("token")
                .asText();
        assertThat(edge.call("GET", "/api/me", null, "Cookie", s.cookie()).statusCode())
                .isEqualTo(200);
        assertThat(edge.call("GET", "/api/me", null, "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(edge.call("POST", "/api/users/" + name + "/disable", null, "Authorization", bootstrap())
                        .statusCode())
                .isEqualTo(200);
        assertThat(rejectedWithin(s.cookie(), null)).isLessThan(Authenticator.CACHE_FOR);
        assertThat(rejectedWithin(null, token)).isLessThan(Authenticator.CACHE_FOR);
    }

    @Test
    void theSetupPageIsServedOnTheAdminHostWithoutLeakingItsLink() throws Exception {
        HttpResponse<String> page = edge.call("GET", "/_fazt/setup/abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNP", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("/api/auth/setup");
        HttpResponse<String> setup = edge.call(
                "POST",
                "/api/auth/setup",
                "{\"secret\":\"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNP\"," + "\"username\":\"x1\",\"password\":\""
                        + PASSWORD + "\"}");
        assertThat(setup.statusCode()).as("an admin exists: the link is dead").isEqualTo(404);
    }

    /** Polls /api/me until the credential is refused; how long that took. */
    static Duration rejectedWithin(String cookie, String token) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(15).toNanos()) {
            HttpResponse<String> me = cookie != null
                    ? edge.call("GET", "/api/me", null, "Cookie", cookie)
                    : edge.call("GET", "/api/me", null, "Authorization", "Bearer " + token);
            if (me.statusCode() == 401) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(20);
        }
        return Duration.ofSeconds(15);
    }
}
