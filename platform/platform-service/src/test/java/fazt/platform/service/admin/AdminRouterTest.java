package fazt.platform.service.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.ProblemException;
import fazt.platform.test.standins.AuthKeysStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminRoute;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertion;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.problem.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRouterTest {
    static final List<AdminRoute> ROUTES = List.of(
            AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps/{name}", "read|deploy:{name}", "Shows an app")
                    .answers(200),
            AdminRoute.of(ServiceName.DEPLOY, "DELETE", "/apps/{name}", "deploy:{name}", "Deletes an app")
                    .answers(204),
            AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps/{name}/files/{path+}", "read", "A file")
                    .answers(200),
            AdminRoute.of(ServiceName.DEPLOY, "POST", "/login", "public", "Logs in")
                    .answers(200));

    static final SubjectRoot ROOT = new SubjectRoot("router-test");
    static final PrincipalVerifier VERIFIER =
            PrincipalVerifier.ofKeys(ROOT.value(), Map.of(AuthKeysStandIn.KEY_ID, AuthKeysStandIn.publicKey()));

    final AdminRouter router = AdminRouter.of(ServiceName.DEPLOY, ROUTES)
            .on("GET /apps/{name}", call -> AdminResponse.json(200, "{\"name\":\"" + call.param("name") + "\"}"))
            .on("DELETE /apps/{name}", call -> new AdminResponse(204, null, null, null, null))
            .on("GET /apps/{name}/files/{path+}", call -> AdminResponse.json(200, "\"" + call.param("path") + "\""))
            .on("POST /login", call -> AdminResponse.json(200, "{\"anonymous\":" + (call.principal() == null) + "}"))
            .verifiedBy(VERIFIER)
            .build();

    static AdminRequest request(String method, String path, String... scopes) {
        return new AdminRequest(
                method,
                path,
                Map.of(),
                scopes.length == 0 ? null : AuthKeysStandIn.sign(new Principal("u_1", "ana", List.of(scopes)), ROOT),
                null,
                null,
                null,
                "r_1");
    }

    static ProblemException refusal(Runnable call) {
        return catchThrowableOfType(ProblemException.class, call::run);
    }

    @Test
    void aDeclaredRouteReachesItsHandlerWithThePathParameters() {
        assertThat(router.handle(request("GET", "/apps/blog/", "read"), null).body())
                .isEqualTo("{\"name\":\"blog\"}");
        assertThat(router.handle(request("HEAD", "/apps/blog", "deploy:blog"), null)
                        .status())
                .isEqualTo(200);
        assertThat(router.handle(request("GET", "/apps/blog/files/css/site.css", "read"), null)
                        .body())
                .isEqualTo("\"css/site.css\"");
        assertThat(router.handle(request("DELETE", "/apps/blog", "deploy:*"), null)
                        .status())
                .isEqualTo(204);
        assertThat(router.handle(request("POST", "/login"), null).body()).isEqualTo("{\"anonymous\":true}");
    }

    @Test
    void anUndeclaredPathIsA404NamingThePath() {
        ProblemException e = refusal(() -> router.handle(request("GET", "/apps/blog/nope", "admin"), null));
        assertThat(e.problem().status()).isEqualTo(404);
        assertThat(e.problem().type()).isEqualTo("https://errors.fazt.dev/admin/no-route");
        assertThat(e.problem().errors()).extracting(Problem -> Problem.field()).containsExactly("path");
    }

    @Test
    void aDeclaredPathWithAnotherMethodIsA405WithAllow() throws Exception {
        AdminResponse answer = router.handle(request("PUT", "/apps/blog", "admin"), null);
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.headers()).containsEntry("Allow", "GET, HEAD, DELETE");
        JsonNode problem = MessageCodec.INSTANCE.mapper().readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://errors.fazt.dev/admin/method-not-allowed");
        assertThat(problem.path("status").asInt()).isEqualTo(405);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/apps/blog");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("method");
    }

    @Test
    void aCallerWithoutTheRoutesScopeIsA403NamingTheScopeAndNoCallerA401() {
        ProblemException forbidden =
                refusal(() -> router.handle(request("DELETE", "/apps/blog", "read", "deploy:shop"), null));
        assertThat(forbidden.problem().status()).isEqualTo(403);
        assertThat(forbidden.problem().type()).isEqualTo("https://errors.fazt.dev/deploy/forbidden");
        assertThat(forbidden.problem().detail()).isEqualTo("This token lacks the scope deploy:blog.");
        assertThat(refusal(() -> router.handle(request("GET", "/apps/blog", "deploy:shop"), null))
                        .problem()
                        .detail())
                .isEqualTo("This token lacks the scope read or deploy:blog.");
        assertThat(refusal(() -> router.handle(request("GET", "/apps/blog"), null))
                        .problem()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aPrincipalNotSignedByAuthIsNoCaller() {
        Principal admin = new Principal("u_1", "ana", List.of(Principal.ADMIN));
        Principal foreign = ForeignSigner.sign(admin, ROOT);
        Principal otherInstall = AuthKeysStandIn.sign(admin, new SubjectRoot("other"));
        Principal tampered = AuthKeysStandIn.sign(new Principal("u_1", "ana", List.of("read")), ROOT)
                .withAssertion(null);
        for (Principal forged : List.of(admin, foreign, otherInstall, tampered)) {
            ProblemException e = refusal(() -> router.handle(
                    new AdminRequest("DELETE", "/apps/blog", Map.of(), forged, null, null, null, "r_1"), null));
            assertThat(e.problem().status()).isEqualTo(401);
            assertThat(e.problem().type()).isEqualTo("https://errors.fazt.dev/auth/unauthorized");
        }
        // The record's fields beside the assertion are not believed: the handler sees what auth-svc signed.
        Principal reader = AuthKeysStandIn.sign(new Principal("u_1", "ana", List.of("read")), ROOT);
        Principal inflated = new Principal("u_1", "ana", List.of(Principal.ADMIN), null, reader.assertion());
        assertThat(refusal(() -> router.handle(
                                new AdminRequest("DELETE", "/apps/blog", Map.of(), inflated, null, null, null, "r_1"),
                                null))
                        .problem()
                        .status())
                .isEqualTo(403);
        // On a public route, an unsigned principal is no caller at all.
        assertThat(router.handle(new AdminRequest("POST", "/login", Map.of(), admin, null, null, null, "r_1"), null)
                        .body())
                .isEqualTo("{\"anonymous\":true}");
    }

    @Test
    void buildingRefusesARouterWithoutVerifier() {
        assertThatThrownBy(() -> AdminRouter.of(ServiceName.DEPLOY, List.of()).build())
                .hasMessageContaining("no principal verifier");
    }

    /** Signs as auth-svc would, with a key no one publishes. */
    static final class ForeignSigner {
        static final java.security.KeyPair KEY = PrincipalAssertions.generateKeyPair();

        static Principal sign(Principal p, SubjectRoot root) {
            long now = java.time.Instant.now().getEpochSecond();
            return p.withAssertion(PrincipalAssertions.sign(
                    new PrincipalAssertion(
                            AuthKeysStandIn.KEY_ID,
                            root.value(),
                            p.subject(),
                            p.name(),
                            p.scopes(),
                            p.credential(),
                            now,
                            now + 60),
                    KEY.getPrivate()));
        }
    }

    @Test
    void buildingRefusesADeclaredRouteWithoutHandlerAndAHandlerWithoutDeclaration() {
        assertThatThrownBy(() -> AdminRouter.of(ServiceName.DEPLOY, ROUTES)
                        .on("GET /apps/{name}", call -> null)
                        .on("DELETE /apps/{name}", call -> null)
                        .on("GET /apps/{name}/files/{path+}", call -> null)
                        .on("POST /logout", call -> null)
                        .verifiedBy(VERIFIER)
                        .build())
                .hasMessageContaining("declared without a handler [POST /login]")
                .hasMessageContaining("handled without a declaration [POST /logout]");
        assertThatThrownBy(() -> AdminRouter.of(ServiceName.AUTH, ROUTES)
                        .verifiedBy(VERIFIER)
                        .build())
                .hasMessageContaining("declared for deploy, not auth");
        assertThatThrownBy(() -> AdminRouter.of(
                                ServiceName.DEPLOY,
                                List.of(AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps", "read", "Lists apps")))
                        .on("GET /apps", call -> null)
                        .verifiedBy(VERIFIER)
                        .build())
                .hasMessageContaining("without a success answer: [GET /apps]");
    }

    @Test
    void aHandlerAnsweringASuccessStatusItsRouteDoesNotDeclareFailsTheCall() {
        AdminRouter drifted = AdminRouter.of(ServiceName.DEPLOY, ROUTES)
                .on("GET /apps/{name}", call -> AdminResponse.json(201, "{}"))
                .on("DELETE /apps/{name}", call -> AdminResponse.json(200, "{}"))
                .on("GET /apps/{name}/files/{path+}", call -> AdminResponse.json(200, "{}"))
                .on(
                        "POST /login",
                        call -> AdminRouter.problemAnswer(
                                Problem.of(429, "auth/busy", "Busy", "Later."),
                                call.request(),
                                Map.of("Retry-After", "1")))
                .verifiedBy(VERIFIER)
                .build();
        assertThatThrownBy(() -> drifted.handle(request("GET", "/apps/blog", "read"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /apps/{name} with 201");
        assertThatThrownBy(() -> drifted.handle(request("DELETE", "/apps/blog", "admin"), null))
                .hasMessageContaining("DELETE /apps/{name} with 200");
        assertThat(drifted.handle(request("POST", "/login"), null).status()).isEqualTo(429);
    }
}
