package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.auth.AuthService;
import fazt.deploy.DeployService;
import fazt.gateway.GatewayService;
import fazt.mail.MailService;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminRoute;
import fazt.proto.admin.AdminRouteTable;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertion;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.auth.PrincipalKeysReply;
import fazt.proto.auth.PrincipalKeysRequest;
import fazt.runtime.RuntimeService;
import fazt.scheduler.SchedulerService;
import fazt.storage.StorageService;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admin route known on this branch against every kind of caller, through the real gateway, auth-svc and
 * deploy-svc: a caller whose scopes allow the route gets past the check (any status but 401/403: often a 404 or 400
 * because the app or body is made up), one whose scopes do not gets 403, and no, a garbage, an expired or a revoked
 * token gets 401. And every such route, sent straight over NATS to its service as anyone on NATS could, with a forged
 * principal (an unsigned record saying admin, or one signed with a key auth-svc never published) is a 401
 * {@code auth/unauthorized} that changes nothing (ADR 32).
 */
class AdminScopesIT {
    static final String TOKEN = "it-scopes-admin-token-0123456789";

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(
                    new GatewayService(),
                    new AuthService(),
                    new DeployService(),
                    new StorageService(),
                    new RuntimeService(),
                    new SchedulerService(),
                    new MailService())
            .with("FAZT_ADMIN_TOKEN", TOKEN);

    static final AdminEdge edge = new AdminEdge(suite);
    static final String ALL = "*";
    /** Caller name → Authorization header (null: none). */
    static final Map<String, String> callers = new LinkedHashMap<>();

    /** A route and the scopes that may use it ({@link #ALL}: any valid caller). */
    record Route(String method, String path, String body, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<String> ANY = Set.of(ALL);
    static final Set<String> READ_BLOG = Set.of("admin", "read", "deploy:*", "deploy:blog");
    static final Set<String> CHANGE_BLOG = Set.of("admin", "deploy:*", "deploy:blog");
    static final Set<String> READERS = Set.of("admin", "read");
    static final Set<String> LOGS_BLOG = Set.of("admin", "read", "logs:blog");
    /** Stands for the id of a real run of blog, made in {@link #createTokens()}. */
    static final String RUN = "{run}";

    static String runId;
    static final Set<String> ADMINS = Set.of("admin");

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/apps", null, ANY),
            new Route("GET", "/api/apps/blog", null, READ_BLOG),
            new Route("PATCH", "/api/apps/blog", "{\"name\":\"blog\"}", CHANGE_BLOG),
            new Route("POST", "/api/apps/blog/deploy", null, CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/versions", null, READ_BLOG),
            new Route("POST", "/api/apps/blog/rollback", "{}", CHANGE_BLOG),
            new Route("POST", "/api/apps/blog/clone", "{\"as\":\"blog\"}", CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/files", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/files/index.html", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/auth/providers", null, READ_BLOG),
            new Route("PUT", "/api/apps/blog/auth/providers/github", "{\"clientId\":\"x\"}", CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/auth/providers/github", null, CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/auth/access", null, READ_BLOG),
            new Route("PUT", "/api/apps/blog/auth/access", "{\"emails\":[\"nope\"]}", CHANGE_BLOG),
            new Route("GET", "/api/me", null, ANY),
            new Route("POST", "/api/auth/logout", null, ANY),
            new Route("POST", "/api/auth/principal-keys/rotate", null, ADMINS),
            new Route("GET", "/api/users", null, READERS),
            new Route("POST", "/api/users", "{\"username\":\"x\"}", ADMINS),
            new Route("GET", "/api/users/nobody", null, READERS),
            new Route("POST", "/api/users/nobody/disable", null, ADMINS),
            new Route("POST", "/api/users/nobody/enable", null, ADMINS),
            new Route("DELETE", "/api/users/nobody?apps=delete", null, ADMINS),
            new Route("GET", "/api/tokens", null, ANY),
            new Route("GET", "/api/tokens?all=true", null, ADMINS),
            new Route("POST", "/api/tokens", "{\"name\":\"t\",\"scopes\":[\"read\"]}", READERS),
            new Route("POST", "/api/tokens", "{\"name\":\"t\",\"scopes\":[\"deploy:blog\"]}", CHANGE_BLOG),
            new Route(
                    "POST", "/api/tokens", "{\"name\":\"t\",\"scopes\":[\"logs:blog\"]}", Set.of("admin", "logs:blog")),
            new Route("DELETE", "/api/tokens/t_missing", null, ANY),
            new Route("GET", "/api/settings/signup", null, READERS),
            new Route("PUT", "/api/settings/signup", "{\"enabled\":false}", ADMINS),
            new Route("GET", "/api/apps/blog/env", null, READ_BLOG),
            new Route("PUT", "/api/apps/blog/env/GREETING", "{\"value\":\"hi\"}", CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/env/GREETING", null, CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/domains", null, READ_BLOG),
            new Route("POST", "/api/apps/blog/domains", "{\"domain\":\"localhost\"}", CHANGE_BLOG),
            new Route("POST", "/api/apps/blog/domains/nope.example.com/verify", null, CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/domains/nope.example.com", null, CHANGE_BLOG),
            new Route("GET", "/api/domains", null, READERS),
            new Route("GET", "/api/apps/blog/logs", null, LOGS_BLOG),
            new Route("GET", "/api/apps/blog/metrics", null, LOGS_BLOG),
            new Route("GET", "/api/apps/blog/requests", null, LOGS_BLOG),
            new Route("GET", "/api/apps/blog/runs", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/schedules", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/hooks", null, READ_BLOG),
            new Route("POST", "/api/apps/blog/hooks", "{\"name\":\"gh\"}", CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/hooks/gh", null, CHANGE_BLOG),
            new Route("GET", "/api/runs/" + RUN, null, READ_BLOG),
            new Route("POST", "/api/runs/" + RUN + "/replay", null, CHANGE_BLOG),
            new Route("GET", "/api/certificates", null, ADMINS),
            new Route("PUT", "/api/domains/blog.localhost/certificate", "{\"chain\":\"x\",\"key\":\"y\"}", ADMINS),
            new Route("GET", "/api/apps/blog/mail", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/mail/messages", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/mail/outbound", null, READ_BLOG),
            new Route("GET", "/api/mail/messages", null, ANY),
            new Route("GET", "/api/mail/messages/m_missing", null, ANY),
            new Route("GET", "/api/mail/messages/m_missing/raw", null, ANY),
            new Route("GET", "/api/mail/messages/m_missing/attachments/0", null, ANY),
            new Route("PATCH", "/api/mail/messages/m_missing", "{\"read\":true}", ANY),
            new Route("DELETE", "/api/mail/messages/m_missing", null, ANY),
            new Route("GET", "/api/mail/addresses", null, READERS),
            new Route("POST", "/api/mail/addresses", "{\"address\":\"x@nowhere.example\"}", ADMINS),
            new Route("DELETE", "/api/mail/addresses/x@localhost", null, ADMINS),
            new Route(
                    "POST", "/api/mail/send", "{\"to\":[\"a@example.net\"],\"subject\":\"x\",\"text\":\"x\"}", ADMINS),
            new Route("GET", "/api/mail/outbound", null, READERS),
            new Route("GET", "/api/mail/outbound/o_missing", null, ANY),
            new Route("GET", "/api/mail/relay", null, ADMINS),
            new Route("PUT", "/api/mail/relay", "{\"host\":\"127.0.0.1\",\"port\":1,\"tls\":\"none\"}", ADMINS),
            new Route("GET", "/api/mail/domains/localhost/dns", null, ADMINS),
            // Last: it deletes blog, whose run the routes above look at.
            new Route("DELETE", "/api/apps/blog", null, CHANGE_BLOG));

    static final List<String> VALID = List.of("admin", "read", "deploy:*", "deploy:blog", "deploy:other", "logs:blog");
    static final List<String> INVALID = List.of("none", "garbage", "expired", "revoked");

    @BeforeAll
    static void createTokens() throws Exception {
        HttpResponse<String> deployed = edge.deploy(
                "blog",
                Map.of(
                        "index.html",
                        "blog",
                        "fazt.json",
                        "{\"async\": [\"work\"]}",
                        "api/main.js",
                        "export default { fetch() { return new Response('ok'); } };"),
                "Bearer " + TOKEN);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        HttpResponse<String> queued =
                edge.send("blog.localhost", "POST", "/_fazt/async/work", "{}".getBytes(), "application/json");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        runId = MessageCodec.INSTANCE
                .mapper()
                .readTree(queued.body())
                .path("run_id")
                .asText();
        for (String scope : VALID) {
            callers.put(scope, "Bearer " + create(scope).get("token"));
        }
        callers.put("none", null);
        callers.put("garbage", "Bearer fazt_aHR0cDovL2FkbWluLmxvY2FsaG9zdA_notARealSecret0000000000000000000");
        Map<String, String> expired = create("admin");
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.api_token SET expires_at = now() - interval '1 second' WHERE id = '"
                    + expired.get("id") + "'");
        }
        callers.put("expired", "Bearer " + expired.get("token"));
        Map<String, String> revoked = create("admin");
        assertThat(edge.call("DELETE", "/api/tokens/" + revoked.get("id"), null, "Authorization", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        callers.put("revoked", "Bearer " + revoked.get("token"));
    }

    static Map<String, String> create(String scope) throws Exception {
        HttpResponse<String> r = edge.call(
                "POST",
                "/api/tokens",
                "{\"name\":\"" + scope + "\",\"scopes\":[\"" + scope + "\"]}",
                "Authorization",
                "Bearer " + TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var json = MessageCodec.INSTANCE.mapper().readTree(r.body());
        return Map.of(
                "id", json.path("id").asText(), "token", json.path("token").asText());
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Route route : ROUTES) {
            for (String caller : VALID) {
                boolean allowed =
                        route.allowed().contains(ALL) || route.allowed().contains(caller);
                out.add(Arguments.of(route, caller, allowed ? 0 : 403));
            }
            for (String caller : INVALID) {
                out.add(Arguments.of(route, caller, 401));
            }
        }
        return out.stream();
    }

    @Test
    void everyDeclaredRouteThatNeedsACallerIsAmongTheCases() {
        Set<String> covered = new HashSet<>();
        for (Route route : ROUTES) {
            String path = route.path().substring("/api".length()).replaceAll("\\?.*", "");
            if (AdminApi.TABLE.resolve(route.method(), path) instanceof AdminRouteTable.Found found) {
                covered.add(found.route().key());
            }
        }
        assertThat(covered)
                .containsAll(AdminApi.TABLE.routes().stream()
                        .filter(r -> !r.scope().isPublic())
                        .map(AdminRoute::key)
                        .toList());
    }

    @Test
    void anUndeclaredPathIsA404AndAnotherMethodA405WithAllowThroughTheGateway() throws Exception {
        HttpResponse<String> missing =
                edge.call("GET", "/api/apps/blog/nothing", null, "Authorization", "Bearer " + TOKEN);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(missing.body())
                        .path("type")
                        .asText())
                .isEqualTo("https://errors.fazt.dev/admin/no-route");
        HttpResponse<String> wrong =
                edge.call("PUT", "/api/apps/blog/versions", "{}", "Authorization", "Bearer " + TOKEN);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(wrong.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(wrong.body())
                        .path("type")
                        .asText())
                .isEqualTo("https://errors.fazt.dev/admin/method-not-allowed");
        HttpResponse<String> contract = edge.call("GET", "/api/openapi.json", null);
        assertThat(contract.statusCode()).isEqualTo(200);
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(contract.body())
                        .path("paths")
                        .has("/apps/{name}/versions"))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cases")
    void eachRouteAllowsExactlyItsScopes(Route route, String caller, int expected) throws Exception {
        String authorization = callers.get(caller);
        String path = route.path().replace(RUN, runId);
        HttpResponse<String> response = authorization == null
                ? edge.call(route.method(), path, route.body())
                : edge.call(route.method(), path, route.body(), "Authorization", authorization);
        if (expected == 0) {
            assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        }
    }

    static Stream<Arguments> forgeries() {
        List<Arguments> out = new ArrayList<>();
        for (Route route : ROUTES) {
            out.add(Arguments.of(route, "unsigned"));
            out.add(Arguments.of(route, "foreign key"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with a {1} admin principal -> 401")
    @MethodSource("forgeries")
    void aForgedPrincipalIsRefusedByEveryAdminHandler(Route route, String forgery) throws Exception {
        Principal admin = new Principal("bootstrap", "bootstrap admin", List.of(Principal.ADMIN), "bootstrap");
        String path = route.path().replace(RUN, runId);
        String apiPath = path.substring("/api".length());
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (apiPath.contains("?")) {
            for (String pair : apiPath.substring(apiPath.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv.length > 1 ? kv[1] : ""));
            }
            apiPath = apiPath.substring(0, apiPath.indexOf('?'));
        }
        String before = stateSeenByAdmin();
        try (Connection nats = suite.nats().connect()) {
            NatsRequester requester = new NatsRequester(nats, suite.nats().root());
            Principal forged = admin;
            if (forgery.equals("foreign key")) {
                // The key id auth-svc really signs with, and a signature it never made.
                String keyId = requester
                        .call(
                                AuthSubjects.PRINCIPAL_KEYS,
                                new PrincipalKeysRequest(null),
                                PrincipalKeysReply.class,
                                Duration.ofSeconds(5))
                        .keys()
                        .getFirst()
                        .keyId();
                long now = Instant.now().getEpochSecond();
                forged = admin.withAssertion(PrincipalAssertions.sign(
                        new PrincipalAssertion(
                                keyId,
                                suite.nats().root().value(),
                                admin.subject(),
                                admin.name(),
                                admin.scopes(),
                                admin.credential(),
                                now,
                                now + 60),
                        FOREIGN.getPrivate()));
            }
            AdminRequest request = new AdminRequest(
                    route.method(),
                    apiPath,
                    query,
                    forged,
                    route.body() == null ? null : "application/json",
                    route.body(),
                    null,
                    "r-forged");
            ServiceName owner = AdminApi.TABLE.ownerOf(apiPath);
            CompletableFuture<Message> reply = requester.requestRaw(
                    AdminSubjects.of(owner),
                    Map.of(
                            FaztHeaders.TYPE,
                            MessageCodec.typeId(AdminRequest.class),
                            FaztHeaders.CLIENT_IP,
                            "192.0.2.7",
                            FaztHeaders.ADMIN_ORIGIN,
                            "http://admin.localhost"),
                    MessageCodec.INSTANCE.encode(request),
                    Duration.ofSeconds(10));
            assertThatThrownBy(reply::get)
                    .cause()
                    .isInstanceOfSatisfying(NatsRequester.RemoteProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(401);
                        assertThat(e.problem().type()).isEqualTo("https://errors.fazt.dev/auth/unauthorized");
                    });
        }
        assertThat(stateSeenByAdmin()).isEqualTo(before);
    }

    static final KeyPair FOREIGN = PrincipalAssertions.generateKeyPair();

    /** What a forged call could change: the apps, the accounts, the tokens and the signup setting, as an admin sees them. */
    static String stateSeenByAdmin() throws Exception {
        StringBuilder state = new StringBuilder();
        for (String path : List.of("/api/apps", "/api/users", "/api/tokens?all=true", "/api/settings/signup")) {
            HttpResponse<String> r = edge.call("GET", path, null, "Authorization", "Bearer " + TOKEN);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            state.append(r.body()).append('\n');
        }
        return state.toString();
    }
}
