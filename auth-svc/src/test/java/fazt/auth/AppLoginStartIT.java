package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.auth.domain.appauth.AppLogin;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.auth.AppLoginReply;
import fazt.proto.auth.AppLoginRequest;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code svc.auth.app.login} as the gateway calls it, for the parts no provider is needed for: starting a GitHub
 * login (its authorization URL, with state and PKCE), the per-address limit on started logins, and refusals before
 * any provider is asked. The whole flow against a real OIDC server is {@code AppLoginIT} in the server module.
 */
class AppLoginStartIT {
    @RegisterExtension
    static final TestSuite suite =
            TestSuite.of(new AuthService()).with("FAZT_ADMIN_TOKEN", "it-admin-token-0123456789abcdef");

    static final Principal ADMIN = new Principal("u_1", "ana", List.of("admin"), "t_1");
    static AdminCalls api;
    static Connection nats;
    static NatsRequester requester;

    @BeforeAll
    static void connect() throws Exception {
        api = new AdminCalls(suite);
        nats = suite.nats().connect();
        requester = new NatsRequester(nats, suite.nats().root());
        assertThat(api.call(
                                "PUT",
                                "/apps/blog/auth/providers/github",
                                "{\"clientId\":\"Iv1.gh\",\"clientSecret\":\"s\"}",
                                ADMIN)
                        .status())
                .isEqualTo(200);
    }

    @AfterAll
    static void close() throws Exception {
        api.close();
        nats.close();
    }

    static AppLoginReply call(String path, String query, String cookie, String ip) throws Exception {
        return requester
                .request(
                        AuthSubjects.APP_LOGIN,
                        new AppLoginRequest("a_blog", "blog", "blog.example.com", true, "GET", path, query, cookie, ip),
                        AppLoginReply.class,
                        Duration.ofSeconds(10))
                .get();
    }

    static Problem problem(String path, String query, String cookie, String ip) throws Exception {
        try {
            call(path, query, cookie, ip);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NatsRequester.RemoteProblemException p) {
                return p.problem();
            }
            throw e;
        }
        throw new AssertionError("no problem for " + path + "?" + query);
    }

    @Test
    void aGithubLoginStartsWithStateAndPkceAndABrowserCookie() throws Exception {
        AppLoginReply reply = call("/_fazt/auth/login", "redirect=%2Fdash", null, "203.0.113.1");
        assertThat(reply.status()).isEqualTo(302);
        URI to = URI.create(reply.location());
        assertThat(to.getScheme() + "://" + to.getHost() + to.getPath())
                .isEqualTo("https://github.com/login/oauth/authorize");
        String query = URLDecoder.decode(to.getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query)
                .contains(
                        "client_id=Iv1.gh",
                        "redirect_uri=https://blog.example.com/_fazt/auth/callback",
                        "code_challenge_method=S256",
                        "scope=read:user user:email")
                .containsPattern("state=[A-Za-z0-9]{40}")
                .containsPattern("code_challenge=[A-Za-z0-9_-]{43}");
        assertThat(reply.setCookies()).singleElement().satisfies(c -> assertThat(c)
                .startsWith("__Host-fazt_app_login=")
                .endsWith("; Path=/; Max-Age=600; HttpOnly; SameSite=Lax; Secure"));
        try (var c = suite.postgres().connect();
                var s = c.createStatement();
                var r = s.executeQuery(
                        "SELECT app_id, provider, redirect, length(code_verifier) FROM auth.app_login_attempt"
                                + " WHERE redirect = '/dash'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("a_blog");
            assertThat(r.getString(2)).isEqualTo("github");
            assertThat(r.getString(3)).isEqualTo("/dash");
            assertThat(r.getInt(4)).isEqualTo(80);
        }
    }

    @Test
    void oneAddressCanStartOnlySoManyLogins() throws Exception {
        for (int i = 0; i < AppLogin.MAX_STARTS; i++) {
            assertThat(call("/_fazt/auth/login", "provider=github", null, "203.0.113.99")
                            .status())
                    .isEqualTo(302);
        }
        Problem limited = problem("/_fazt/auth/login", "provider=github", null, "203.0.113.99");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.type()).isEqualTo("https://errors.fazt.dev/auth/app-login-rate-limited");
        assertThat(call("/_fazt/auth/login", "provider=github", null, "203.0.113.100")
                        .status())
                .as("other addresses are not affected")
                .isEqualTo(302);
    }

    @Test
    void refusalsBeforeAnyProviderIsAsked() throws Exception {
        assertThat(problem("/_fazt/auth/callback", "code=x&state=nope", "fazt_app_login=y", "203.0.113.2")
                        .type())
                .isEqualTo("https://errors.fazt.dev/auth/app-login-state");
        assertThat(problem("/_fazt/auth/callback", "code=x", null, "203.0.113.2")
                        .status())
                .isEqualTo(400);
        assertThat(problem("/_fazt/auth/me", null, "fazt_app_session=fza_nope", "203.0.113.2")
                        .type())
                .isEqualTo("https://errors.fazt.dev/auth/app-login-required");
        assertThat(problem("/_fazt/auth/elsewhere", null, null, "203.0.113.2").status())
                .isEqualTo(404);
        assertThat(problem("/_fazt/auth/login", "provider=github&redirect=%2F%2Fevil.example", null, "203.0.113.2")
                        .errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("redirect"));
        assertThat(problem("/_fazt/auth/login", "provider=google", null, "203.0.113.2")
                        .status())
                .as("not configured for this app")
                .isEqualTo(404);
    }

    @Test
    void aDiscoveryUrlOnALoopbackPrivateOrMetadataAddressIsRefusedWithoutBeingFetched() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer local =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        local.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        local.start();
        try {
            Map<String, String> providers = Map.of(
                    "local",
                    "http://localhost:" + local.getAddress().getPort() + "/x/.well-known/openid-configuration",
                    "metadata",
                    "https://169.254.169.254/.well-known/openid-configuration",
                    "private",
                    "https://10.1.2.3/.well-known/openid-configuration");
            for (Map.Entry<String, String> p : providers.entrySet()) {
                assertThat(api.call(
                                        "PUT",
                                        "/apps/blog/auth/providers/" + p.getKey(),
                                        "{\"clientId\":\"c\",\"clientSecret\":\"s\",\"discoveryUrl\":\"" + p.getValue()
                                                + "\"}",
                                        ADMIN)
                                .status())
                        .isEqualTo(200);
            }
            Map<String, String> reasons = Map.of(
                    "local", "loopback address", "metadata", "cloud metadata address", "private", "private address");
            for (Map.Entry<String, String> r : reasons.entrySet()) {
                Problem refused = problem("/_fazt/auth/login", "provider=" + r.getKey(), null, "203.0.113.3");
                assertThat(refused.type()).isEqualTo("https://errors.fazt.dev/auth/app-login-provider-failed");
                assertThat(refused.detail()).contains("refused: " + r.getValue());
            }
            assertThat(asked.get()).as("nothing was fetched").isZero();
        } finally {
            local.stop(0);
            for (String provider : java.util.List.of("local", "metadata", "private")) {
                api.call("DELETE", "/apps/blog/auth/providers/" + provider, null, ADMIN);
            }
        }
    }
}
