package fazt.server.admin;

import static fazt.server.admin.AdminRoutes.ALL;
import static fazt.server.admin.AdminRoutes.ROUTES;
import static fazt.server.admin.AdminRoutes.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminRoute;
import fazt.proto.admin.AdminRouteTable;
import fazt.server.admin.AdminRoutes.Route;
import java.net.http.HttpResponse;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admin route known on this branch ({@link AdminRoutes}) against every kind of caller, through the real gateway,
 * auth-svc and deploy-svc: a caller whose scopes allow the route gets past the check (any status but 401/403: often a
 * 404 or 400 because the app or body is made up), one whose scopes do not gets 403, and no, a garbage, an expired or a
 * revoked token gets 401. Forged principals sent straight over NATS are {@link ForgedPrincipalIT}.
 */
class AdminScopesIT {
    static final String TOKEN = "it-scopes-admin-token-0123456789";

    @RegisterExtension
    static final TestSuite suite = AdminRoutes.allServices(TOKEN);

    static final AdminEdge edge = new AdminEdge(suite);

    /** Caller name → Authorization header (null: none). */
    static final Map<String, String> callers = new LinkedHashMap<>();

    static String runId;

    static final List<String> VALID = List.of("admin", "read", "deploy:*", "deploy:blog", "deploy:other", "logs:blog");

    static final List<String> INVALID = List.of("none", "garbage", "expired", "revoked");

    @BeforeAll
    static void createTokens() throws Exception {
        runId = AdminRoutes.deployBlogWithARun(edge, TOKEN);
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
}
