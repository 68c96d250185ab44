package fazt.server.applogin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.AuthService;
import fazt.gateway.GatewayService;
import fazt.gateway.edge.EdgeServer;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsCommitReply;
import fazt.proto.storage.VfsCommitRequest;
import fazt.proto.storage.VfsFile;
import fazt.runtime.RuntimeService;
import fazt.storage.StorageService;
import java.util.UUID;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The login of app users from outside: a browser (this test's HTTP client, carrying cookies per host) on the real
 * gateway and auth-svc (real NATS and PostgreSQL) logs in at a real OpenID Connect server (mock-oauth2-server in its
 * own JVM): login redirect, provider, callback, session cookie, {@code /_fazt/auth/me}, the user handed with a
 * function request, logout. Refused: a tampered or replayed state, a callback from another browser, a wrong
 * audience, an expired ID token, an address off the allow-list, a redirect to another site, and one app's session
 * on another app's host. The apps {@code blog} and {@code notes} run their server code in the real runtime-svc
 * (code in storage-svc); only deploy-svc's site and env lookups are played by NATS responders.
 */
class AppLoginIT {
    static final String TOKEN = "it-gateway-admin-token-0123456789";
    static final String CLIENT = "fazt-blog";

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new GatewayService(), new AuthService(), new StorageService(),
            new RuntimeService()).with("FAZT_ADMIN_TOKEN", TOKEN);

    /** The apps' server code, run by the real JavaScript engine: answers with what the handler was given. */
    static final String HANDLER = """
            export default {
              async fetch(request, env, ctx) {
                return Response.json({ user: ctx.user, cookie: request.headers.get('cookie') });
              }
            };
            """;

    static OidcProviderProcess provider;
    static Connection nats;
    static Dispatcher responders;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        provider = OidcProviderProcess.start(config());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        nats = suite.nats().connect();
        responders = nats.createDispatcher();
        responders.subscribe(suite.nats().root().qualify(DeploySubjects.SITE_GET), "deploy", AppLoginIT::site);
        responders.subscribe(suite.nats().root().qualify(DeploySubjects.ENV_GET), "deploy", m ->
                reply(m, AppEnvReply.class, new AppEnvReply(true, Map.of())));
        NatsRequester storage = new NatsRequester(nats, suite.nats().root());
        for (String app : List.of("blog", "notes")) {
            byte[] code = HANDLER.getBytes(StandardCharsets.UTF_8);
            BlobWritten written = MessageCodec.INSTANCE.decode(storage.requestRaw(StorageSubjects.BLOB_WRITE, Map.of(
                    StorageSubjects.HEADER_UPLOAD_ID, UUID.randomUUID().toString().replace("-", ""),
                    StorageSubjects.HEADER_OFFSET, "0", StorageSubjects.HEADER_LAST, "true"), code,
                    Duration.ofSeconds(10)).join().getData(), BlobWritten.class);
            storage.request(StorageSubjects.VFS_COMMIT, new VfsCommitRequest("ns_" + app,
                    List.of(new VfsFile("api/main.js", written.digest(), code.length))), VfsCommitReply.class,
                    Duration.ofSeconds(10)).join();
        }
        for (String app : List.of("blog", "notes")) {
            for (String issuer : List.of("alice", "mallory", "wrongaud", "expired")) {
                HttpResponse<String> put = admin("PUT", "/api/apps/" + app + "/auth/providers/" + issuer,
                        "{\"clientId\":\"" + CLIENT + "\",\"clientSecret\":\"it-secret\",\"discoveryUrl\":\""
                                + provider.discoveryUrl(issuer) + "\"}");
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            }
        }
        HttpResponse<String> access = admin("PUT", "/api/apps/blog/auth/access", "{\"emails\":[],\"domains\":[\"example.com\"]}");
        assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (nats != null) {
            nats.close();
        }
        if (http != null) {
            http.close();
        }
    }

    /** Issuers and what their tokens say: alice and mallory are valid, wrongaud and expired are not. */
    static String config() {
        return "{\"interactiveLogin\":false,\"httpServer\":\"NettyWrapper\",\"tokenCallbacks\":["
                + issuer("alice", 120, "\"sub\":\"alice-1\",\"email\":\"alice@example.com\",\"email_verified\":true,"
                        + "\"name\":\"Alice\",\"picture\":\"https://example.com/alice.png\",\"aud\":[\"" + CLIENT + "\"]") + ","
                + issuer("mallory", 120, "\"sub\":\"m-1\",\"email\":\"mallory@evil.test\",\"aud\":[\"" + CLIENT + "\"]") + ","
                + issuer("wrongaud", 120, "\"sub\":\"w-1\",\"email\":\"w@example.com\",\"aud\":[\"someone-else\"]") + ","
                + issuer("expired", 120, "\"exp\":" + (Instant.now().getEpochSecond() - 600) + ",\"sub\":\"e-1\",\"email\":\"e@example.com\",\"aud\":[\"" + CLIENT + "\"]")
                + "]}";
    }

    /** An issuer whose tokens carry {@code claims} (they override the server's own, {@code exp} included). */
    static String issuer(String id, int expiry, String claims) {
        return "{\"issuerId\":\"" + id + "\",\"tokenExpiry\":" + expiry + ",\"requestMappings\":[{\"requestParam\":"
                + "\"grant_type\",\"match\":\"authorization_code\",\"claims\":{" + claims + "}}]}";
    }

    // ---- the flow --------------------------------------------------------------------------------------------

    @Test
    void aUserLogsInSeesThemselvesReachesTheFunctionsAndLogsOut() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get("blog.localhost", "/_fazt/auth/login?provider=alice&redirect="
                + URLEncoder.encode("/notes?x=1", StandardCharsets.UTF_8));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("location").orElseThrow());
        assertThat(authorize.toString()).startsWith("http://localhost:").contains("/alice/authorize", "state=",
                "nonce=", "code_challenge=", "code_challenge_method=S256", "client_id=" + CLIENT,
                "redirect_uri=" + URLEncoder.encode("http://blog.localhost/_fazt/auth/callback", StandardCharsets.UTF_8));
        assertThat(start.headers().firstValue("set-cookie").orElseThrow())
                .startsWith("fazt_app_login=").contains("HttpOnly", "SameSite=Lax", "Path=/_fazt/auth/").doesNotContain("Domain");

        URI callback = browser.atProvider(authorize);
        HttpResponse<String> done = browser.get("blog.localhost", callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("location")).hasValue("/notes?x=1");
        String session = done.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("fazt_app_session="))
                .findFirst().orElseThrow();
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
        assertThat(seen.path("user").path("id").asText()).isEqualTo(user.path("id").asText());
        assertThat(seen.path("cookie").asText()).as("the app never sees the session secret").isEqualTo("theme=dark");

        HttpResponse<String> out = browser.send("POST", "blog.localhost", "/_fazt/auth/logout");
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("set-cookie").orElseThrow()).startsWith("fazt_app_session=;").contains("Max-Age=0");
        HttpResponse<String> after = new Browser(browser).get("blog.localhost", "/_fazt/auth/me");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after).path("type").asText()).isEqualTo("https://errors.fazt.dev/auth/app-login-required");
        assertThat(json(new Browser(browser).get("blog.localhost", "/api/whoami")).path("user").isNull())
                .as("the ended session no longer reaches the functions through this gateway").isTrue();
    }

    @Test
    void underHttpsTheCookiesAreSecure() throws Exception {
        Browser browser = new Browser();
        browser.extra = new String[] {"X-Forwarded-Proto", "https"};
        HttpResponse<String> start = browser.get("blog.localhost", "/_fazt/auth/login?provider=alice");
        assertThat(start.headers().firstValue("set-cookie").orElseThrow()).endsWith("; Secure");
        assertThat(start.headers().firstValue("location").orElseThrow())
                .contains(URLEncoder.encode("https://blog.localhost/_fazt/auth/callback", StandardCharsets.UTF_8));
    }

    @Test
    void withoutACookieMeIs401AndTheFunctionsSeeNoUser() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> me = browser.get("blog.localhost", "/_fazt/auth/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.headers().firstValue("content-type")).hasValue("application/problem+json");
        browser.cookies.get("blog.localhost").put("fazt_app_session", "fza_forged0000000000000000000000000000000");
        assertThat(browser.get("blog.localhost", "/_fazt/auth/me").statusCode()).isEqualTo(401);
        assertThat(json(browser.get("blog.localhost", "/api/whoami")).path("user").isNull()).isTrue();
    }

    /** Figures for the docs, not asserted: a whole login (three legs) and a function call with a session. */
    @Test
    void measuresALoginAndAFunctionCallWithASession() throws Exception {
        long[] logins = new long[10];
        Browser browser = null;
        for (int i = 0; i < logins.length; i++) {
            browser = new Browser();
            long t = System.nanoTime();
            assertThat(browser.loginThrough("notes.localhost", "alice").statusCode()).isEqualTo(302);
            logins[i] = System.nanoTime() - t;
        }
        long first = System.nanoTime();
        assertThat(json(browser.get("notes.localhost", "/api/whoami")).path("user").path("email").asText())
                .isEqualTo("alice@example.com");
        first = System.nanoTime() - first;
        long[] cached = new long[20];
        for (int i = 0; i < cached.length; i++) {
            long t = System.nanoTime();
            browser.get("notes.localhost", "/api/whoami");
            cached[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(logins);
        java.util.Arrays.sort(cached);
        System.out.printf("app login: median %.1f ms over %d logins; /api/ with a session: first %.1f ms, cached median %.1f ms%n",
                logins[logins.length / 2] / 1e6, logins.length, first / 1e6, cached[cached.length / 2] / 1e6);
    }

    // ---- refusals --------------------------------------------------------------------------------------------

    @Test
    void aTamperedStateIsRefused() throws Exception {
        Browser browser = new Browser();
        URI callback = browser.atProvider(browser.loginStart("blog.localhost", "alice"));
        String tampered = callback.getRawQuery().replaceFirst("state=([^&]+)", "state=$1x");
        HttpResponse<String> done = browser.get("blog.localhost", callback.getRawPath() + "?" + tampered);
        assertRefused(done, 400, "auth/app-login-state");
        assertThat(done.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("fazt_app_session="));
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        Browser browser = new Browser();
        URI callback = browser.atProvider(browser.loginStart("blog.localhost", "alice"));
        String path = callback.getRawPath() + "?" + callback.getRawQuery();
        assertThat(browser.get("blog.localhost", path).statusCode()).isEqualTo(302);
        HttpResponse<String> replay = browser.get("blog.localhost", path);
        assertRefused(replay, 400, "auth/app-login-state");
        assertThat(json(replay).path("detail").asText()).contains("already used");
    }

    @Test
    void aCodeReplayedWithAFreshStateIsRefusedByTheProvider() throws Exception {
        Browser browser = new Browser();
        URI first = browser.atProvider(browser.loginStart("blog.localhost", "alice"));
        assertThat(browser.get("blog.localhost", first.getRawPath() + "?" + first.getRawQuery()).statusCode()).isEqualTo(302);
        String code = first.getRawQuery().replaceFirst(".*code=([^&]+).*", "$1");
        // a new login of the same browser gives a valid state; the old code does not go with it
        URI second = browser.loginStart("blog.localhost", "alice");
        String state = second.getRawQuery().replaceFirst(".*state=([^&]+).*", "$1");
        HttpResponse<String> replay = browser.get("blog.localhost", "/_fazt/auth/callback?code=" + code + "&state=" + state);
        assertRefused(replay, 401, "auth/app-login-provider");
        assertThat(json(replay).path("detail").asText()).contains("invalid_grant");
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() throws Exception {
        Browser victim = new Browser();
        Browser attacker = new Browser();
        URI callback = attacker.atProvider(attacker.loginStart("blog.localhost", "alice"));
        HttpResponse<String> done = victim.get("blog.localhost", callback.getRawPath() + "?" + callback.getRawQuery());
        assertRefused(done, 400, "auth/app-login-state");
        assertThat(json(done).path("detail").asText()).contains("not started in this browser");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        HttpResponse<String> done = new Browser().loginThrough("blog.localhost", "wrongaud");
        assertRefused(done, 401, "auth/app-login-id-token");
        assertThat(json(done).path("detail").asText()).containsIgnoringCase("audience");
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        HttpResponse<String> done = new Browser().loginThrough("blog.localhost", "expired");
        assertRefused(done, 401, "auth/app-login-id-token");
        assertThat(json(done).path("detail").asText()).containsIgnoringCase("expired");
    }

    @Test
    void anAddressOffTheAllowListIsRefused() throws Exception {
        HttpResponse<String> done = new Browser().loginThrough("blog.localhost", "mallory");
        assertRefused(done, 403, "auth/app-login-not-allowed");
        assertThat(json(done).path("detail").asText()).contains("mallory@evil.test");
        Browser browser = new Browser();
        assertThat(browser.loginThrough("notes.localhost", "mallory").statusCode()).as("notes has no allow-list").isEqualTo(302);
        JsonNode me = json(browser.get("notes.localhost", "/_fazt/auth/me"));
        assertThat(me.path("email").asText()).isEqualTo("mallory@evil.test");
        assertThat(me.has("name") && me.get("name").isNull()).as("unknown fields are null, not missing").isTrue();
    }

    @Test
    void aRedirectToAnotherSiteIsRefused() throws Exception {
        for (String target : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "evil")) {
            HttpResponse<String> start = new Browser().get("blog.localhost", "/_fazt/auth/login?provider=alice&redirect="
                    + URLEncoder.encode(target, StandardCharsets.UTF_8));
            assertRefused(start, 400, "auth/invalid-request");
            assertThat(json(start).path("errors").get(0).path("field").asText()).isEqualTo("redirect");
        }
    }

    @Test
    void oneAppsSessionIsNotValidOnAnotherAppsHost() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.loginThrough("blog.localhost", "alice").statusCode()).isEqualTo(302);
        String secret = browser.cookies.get("blog.localhost").get("fazt_app_session");
        assertThat(browser.get("blog.localhost", "/_fazt/auth/me").statusCode()).isEqualTo(200);
        // the cookie is host-only, so a browser would not send it; a copied value must not work either
        browser.cookies.get("notes.localhost").put("fazt_app_session", secret);
        assertThat(browser.get("notes.localhost", "/_fazt/auth/me").statusCode()).isEqualTo(401);
        assertThat(json(browser.get("notes.localhost", "/api/whoami")).path("user").isNull()).isTrue();
        // nor does a login state started for blog finish on notes
        Browser other = new Browser();
        URI callback = other.atProvider(other.loginStart("blog.localhost", "alice"));
        other.cookies.get("notes.localhost").putAll(other.cookies.get("blog.localhost"));
        assertRefused(other.get("notes.localhost", callback.getRawPath() + "?" + callback.getRawQuery()), 400,
                "auth/app-login-state");
    }

    @Test
    void anUnknownProviderIs404AndOtherMethodsAre405() throws Exception {
        assertRefused(new Browser().get("blog.localhost", "/_fazt/auth/login?provider=nope"), 404, "auth/not-found");
        assertThat(new Browser().send("POST", "blog.localhost", "/_fazt/auth/me").statusCode()).isEqualTo(405);
        assertThat(new Browser().get("admin.localhost", "/_fazt/auth/me").statusCode())
                .as("not on the admin host").isEqualTo(404);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static void assertRefused(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).path("type").asText()).isEqualTo("https://errors.fazt.dev/" + type);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    static int port() {
        return suite.service(ServiceName.GATEWAY).context().getBean(EdgeServer.class).port();
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).header("Host", "admin.localhost")
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A browser: cookies per host (as host-only cookies are kept), no automatic redirects. */
    static final class Browser {
        final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();
        String[] extra = new String[0];

        Browser() {
            for (String host : List.of("blog.localhost", "notes.localhost", "admin.localhost")) {
                cookies.put(host, new LinkedHashMap<>());
            }
        }

        /** A copy of another browser's cookies (to replay them after that browser forgot them). */
        Browser(Browser other) {
            this();
            other.cookies.forEach((host, jar) -> cookies.get(host).putAll(jar));
        }

        HttpResponse<String> get(String host, String pathAndQuery) throws Exception {
            return send("GET", host, pathAndQuery);
        }

        HttpResponse<String> send(String method, String host, String pathAndQuery) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery))
                    .header("Host", host).method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
            Map<String, String> jar = cookies.get(host);
            if (!jar.isEmpty()) {
                request.header("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            for (int i = 0; i < extra.length; i += 2) {
                request.header(extra[i], extra[i + 1]);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("set-cookie")) {
                String pair = set.substring(0, set.indexOf(';'));
                String name = pair.substring(0, pair.indexOf('=')), value = pair.substring(pair.indexOf('=') + 1);
                if (set.contains("Max-Age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
            return response;
        }

        /** Starts a login; the provider's authorization URL. */
        URI loginStart(String host, String issuer) throws Exception {
            HttpResponse<String> start = get(host, "/_fazt/auth/login?provider=" + issuer);
            assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
            return URI.create(start.headers().firstValue("location").orElseThrow());
        }

        /** Follows the authorization URL at the provider (which logs in at once); where it sends the browser back. */
        URI atProvider(URI authorize) throws Exception {
            HttpResponse<String> at = http.send(HttpRequest.newBuilder(authorize).timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(at.statusCode()).as(at.body()).isEqualTo(302);
            return URI.create(at.headers().firstValue("location").orElseThrow());
        }

        /** The whole login; the callback's answer. */
        HttpResponse<String> loginThrough(String host, String issuer) throws Exception {
            URI callback = atProvider(loginStart(host, issuer));
            return get(host, callback.getRawPath() + "?" + callback.getRawQuery());
        }
    }

    // ---- deploy-svc's site lookup and runtime-svc, played on NATS ---------------------------------------------

    static void site(Message message) {
        String name = MessageCodec.INSTANCE.decode(message.getData(), SiteRequest.class).name();
        SiteReply site = List.of("blog", "notes").contains(name)
                ? new SiteReply(true, "app_" + name, name, 1, "ns_" + name, null, null, null, Instant.now(), true)
                : SiteReply.notFound();
        reply(message, SiteReply.class, site);
    }

    static <T> void reply(Message message, Class<T> type, T body) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(type));
        nats.publish(message.getReplyTo(), headers, MessageCodec.INSTANCE.encode(body));
    }
}
