package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.AuthService;
import fazt.deploy.DeployService;
import fazt.gateway.GatewayService;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.storage.StorageService;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Apps belong to the account that created them, and deleting an account settles its apps explicitly: handed to an
 * admin or deleted, never silently. Through the real gateway, auth-svc, deploy-svc and storage-svc.
 */
class UserAppsHandoverIT {
    static final String TOKEN = "it-handover-admin-token-0123456789";
    static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(
                    new GatewayService(), new AuthService(), new DeployService(), new StorageService())
            .with("FAZT_ADMIN_TOKEN", TOKEN)
            .with("FAZT_ADMIN_USER", "ana")
            .with("FAZT_ADMIN_PASSWORD", PASSWORD);

    static final AdminEdge edge = new AdminEdge(suite);
    static final String ADMIN = "Bearer " + TOKEN;

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    /** Creates a developer and answers a bearer header for a CLI token of theirs. */
    static String developer(String name) throws Exception {
        HttpResponse<String> created = edge.call(
                "POST",
                "/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"developer\"}",
                "Authorization",
                ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> login = edge.call(
                "POST",
                "/api/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"tokenName\":\"cli\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return "Bearer " + json(login).path("token").asText();
    }

    static void deploy(String app, String as) throws Exception {
        HttpResponse<String> deployed = edge.deploy(app, Map.of("index.html", "<h1>" + app + "</h1>"), as);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
    }

    static JsonNode app(String name) throws Exception {
        HttpResponse<String> got = edge.call("GET", "/api/apps/" + name, null, "Authorization", ADMIN);
        return got.statusCode() == 404 ? null : json(got);
    }

    @Test
    void theCreatorOwnsAnAppAndAnOwnerIsDeletedOnlyWithAnExplicitHandoverToAnAdmin() throws Exception {
        String bob = developer("bob");
        deploy("bob-blog", bob);
        deploy("bob-shop", bob);
        deploy("ana-site", ADMIN);
        assertThat(app("bob-blog").path("owner").asText()).isEqualTo("bob");
        assertThat(app("ana-site").path("owner").asText()).isEqualTo("bootstrap admin");
        JsonNode listed = json(edge.call("GET", "/api/apps", null, "Authorization", ADMIN))
                .path("apps");
        assertThat(listed.findValuesAsText("owner")).contains("bob", "bootstrap admin");

        HttpResponse<String> unsaid = edge.call("DELETE", "/api/users/bob", null, "Authorization", ADMIN);
        assertThat(unsaid.statusCode()).as(unsaid.body()).isEqualTo(409);
        assertThat(json(unsaid).path("errors").get(0).path("field").asText()).isEqualTo("apps");
        assertThat(json(unsaid).path("detail").asText()).contains("bob-blog", "bob-shop");
        assertThat(edge.call("GET", "/api/me", null, "Authorization", bob).statusCode())
                .as("refused: bob and his token are untouched")
                .isEqualTo(200);

        HttpResponse<String> handed =
                edge.call("DELETE", "/api/users/bob?apps=transfer:ana", null, "Authorization", ADMIN);
        assertThat(handed.statusCode()).as(handed.body()).isEqualTo(200);
        assertThat(json(handed).path("apps").path("affected").asInt()).isEqualTo(2);
        assertThat(json(handed).path("apps").path("names").toString()).isEqualTo("[\"bob-blog\",\"bob-shop\"]");
        assertThat(app("bob-blog").path("owner").asText()).isEqualTo("ana");
        assertThat(app("bob-shop").path("owner").asText()).isEqualTo("ana");
        assertThat(app("ana-site").path("owner").asText())
                .as("other apps keep their owner")
                .isEqualTo("bootstrap admin");
        assertThat(edge.send("bob-blog.localhost", "GET", "/", null, null).body())
                .contains("bob-blog");
        assertThat(edge.call("GET", "/api/users/bob", null, "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(404);
        assertThat(edge.call("GET", "/api/me", null, "Authorization", bob).statusCode())
                .isEqualTo(401);
    }

    @Test
    void deletingAnOwnerWithAppsDeleteRemovesTheirAppsAndOnlyTheirs() throws Exception {
        String carol = developer("carol");
        deploy("carol-site", carol);
        deploy("keep-me", ADMIN);
        HttpResponse<String> deleted =
                edge.call("DELETE", "/api/users/carol?apps=delete", null, "Authorization", ADMIN);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(json(deleted).path("apps").path("names").toString()).isEqualTo("[\"carol-site\"]");
        assertThat(app("carol-site")).isNull();
        assertThat(edge.send("carol-site.localhost", "GET", "/", null, null).statusCode())
                .isEqualTo(404);
        assertThat(app("keep-me")).isNotNull();
        assertThat(edge.send("keep-me.localhost", "GET", "/", null, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aUserWithoutAppsIsDeletedWithoutAHandover() throws Exception {
        developer("dave");
        HttpResponse<String> deleted = edge.call("DELETE", "/api/users/dave", null, "Authorization", ADMIN);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(json(deleted).path("apps").path("affected").asInt()).isZero();
        assertThat(json(deleted).path("apps").path("handover").asText()).isEqualTo("none");
    }
}
