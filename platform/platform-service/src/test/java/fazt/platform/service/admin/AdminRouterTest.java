package fazt.platform.service.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminRoute;
import fazt.proto.auth.Principal;
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

    final AdminRouter router = AdminRouter.of(ServiceName.DEPLOY, ROUTES)
            .on("GET /apps/{name}", call -> AdminResponse.json(200, "{\"name\":\"" + call.param("name") + "\"}"))
            .on("DELETE /apps/{name}", call -> new AdminResponse(204, null, null, null, null))
            .on("GET /apps/{name}/files/{path+}", call -> AdminResponse.json(200, "\"" + call.param("path") + "\""))
            .on("POST /login", call -> AdminResponse.json(200, "{\"anonymous\":" + (call.principal() == null) + "}"))
            .build();

    static AdminRequest request(String method, String path, String... scopes) {
        return new AdminRequest(
                method,
                path,
                Map.of(),
                scopes.length == 0 ? null : new Principal("u_1", "ana", List.of(scopes)),
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
    void buildingRefusesADeclaredRouteWithoutHandlerAndAHandlerWithoutDeclaration() {
        assertThatThrownBy(() -> AdminRouter.of(ServiceName.DEPLOY, ROUTES)
                        .on("GET /apps/{name}", call -> null)
                        .on("DELETE /apps/{name}", call -> null)
                        .on("GET /apps/{name}/files/{path+}", call -> null)
                        .on("POST /logout", call -> null)
                        .build())
                .hasMessageContaining("declared without a handler [POST /login]")
                .hasMessageContaining("handled without a declaration [POST /logout]");
        assertThatThrownBy(() -> AdminRouter.of(ServiceName.AUTH, ROUTES).build())
                .hasMessageContaining("declared for deploy, not auth");
        assertThatThrownBy(() -> AdminRouter.of(
                                ServiceName.DEPLOY,
                                List.of(AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps", "read", "Lists apps")))
                        .on("GET /apps", call -> null)
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
                .build();
        assertThatThrownBy(() -> drifted.handle(request("GET", "/apps/blog", "read"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /apps/{name} with 201");
        assertThatThrownBy(() -> drifted.handle(request("DELETE", "/apps/blog", "admin"), null))
                .hasMessageContaining("DELETE /apps/{name} with 200");
        assertThat(drifted.handle(request("POST", "/login"), null).status()).isEqualTo(429);
    }
}
