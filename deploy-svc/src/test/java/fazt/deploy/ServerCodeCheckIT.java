package fazt.deploy;

import static fazt.deploy.DeployClient.json;
import static fazt.deploy.DeployClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.admin.AdminResponse;
import fazt.proto.deploy.SiteReply;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.ScriptCheckRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deploy-time check of server code: a bundle with {@code api/main.js} goes live only after a runtime (here a
 * Java stand-in on {@code svc.runtime.check} over real NATS) says it loads; failing code or no runtime changes
 * nothing.
 */
class ServerCodeCheckIT {
    static final TestSuite suite = TestSuite.of(new DeployService());

    @RegisterExtension
    static final DeployClient client = new DeployClient(suite);

    private static final Map<String, String> GOOD = Map.of(
            "index.html",
            "<h1>v</h1>",
            "api/main.js",
            "export default {\n  fetch() { return new Response('hi'); }\n};\n");
    private static final Map<String, String> BAD = Map.of(
            "index.html", "<h1>bad</h1>", "api/main.js", "export default {\n  fetch() {\n    return @@bad;\n  }\n};\n");

    private RuntimeStandIn runtime() {
        return new RuntimeStandIn(client.nats(), suite.nats().root(), client.files());
    }

    @Test
    void codeThatLoadsGoesLiveAndTheSiteSaysItHasAnApi() throws Exception {
        try (RuntimeStandIn runtime = runtime()) {
            AdminResponse deployed = client.deploy("checked", GOOD);
            assertThat(deployed.status()).isEqualTo(201);
            assertThat(runtime.seen).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo("checked");
                assertThat(r.version()).isEqualTo(1);
                assertThat(r.appId())
                        .isEqualTo(json(deployed).path("app").path("id").asText());
            });
            SiteReply site = client.site("checked");
            assertThat(site.api()).isTrue();
            assertThat(site.namespace()).isEqualTo(runtime.seen.getFirst().namespace());

            // A static bundle is not checked, and its version has no api.
            client.deploy("checked", Map.of("index.html", "static"));
            assertThat(runtime.seen).hasSize(1);
            assertThat(client.site("checked").api()).isFalse();
            assertThat(client.site("checked").version()).isEqualTo(2);

            // Rolling back to the version with server code brings the flag back with it.
            client.call("POST", "/apps/checked/rollback", "{\"version\": 1}");
            assertThat(client.site("checked").api()).isTrue();
        }
    }

    @Test
    void codeThatFailsIsRefusedWithWhereAndTheLiveVersionKeepsServing() throws Exception {
        try (RuntimeStandIn runtime = runtime()) {
            client.deploy("failing", GOOD);
            SiteReply before = client.site("failing");

            Problem problem = problemOf(() -> client.deploy("failing", BAD));
            assertThat(problem.status()).isEqualTo(422);
            assertThat(problem.type()).isEqualTo("https://errors.fazt.dev/deploy/server-code-invalid");
            assertThat(problem.detail()).isEqualTo("api/main.js:3:12: SyntaxError: Unexpected token '@'");
            assertThat(problem.extensions())
                    .containsEntry("file", "api/main.js")
                    .containsEntry("line", 3)
                    .containsEntry("column", 12);

            SiteReply after = client.site("failing");
            assertThat(after.version()).isEqualTo(before.version());
            assertThat(after.namespace()).isEqualTo(before.namespace());
            JsonNode versions =
                    json(client.call("GET", "/apps/failing/versions", null)).path("versions");
            assertThat(versions).hasSize(1);
            // The namespace committed for the refused version was dropped again.
            String refused = runtime.seen.getLast().namespace();
            assertThat(refused).isNotEqualTo(before.namespace());
            assertThat(client.files().list(refused)).isEmpty();
            assertThat(client.files().list(before.namespace())).isNotEmpty();
        }
    }

    @Test
    void aNewAppWithFailingCodeIsNotCreated() {
        try (RuntimeStandIn runtime = runtime()) {
            Problem problem = problemOf(() -> client.deploy("never-born", BAD));
            assertThat(problem.status()).isEqualTo(422);
            assertThat(problemOf(() -> client.call("GET", "/apps/never-born", null))
                            .status())
                    .isEqualTo(404);
            assertThat(runtime.seen).extracting(ScriptCheckRequest::name).containsExactly("never-born");
        }
    }

    @Test
    void withoutARuntimeServerCodeIsRefusedWith503AndNothingChanges() throws Exception {
        client.deploy("no-runtime", Map.of("index.html", "v1"));
        SiteReply before = client.site("no-runtime");

        Problem problem = problemOf(() -> client.deploy("no-runtime", GOOD));
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).isEqualTo("https://errors.fazt.dev/deploy/runtime-unavailable");
        assertThat(problem.detail()).contains("no runtime-svc is running");

        SiteReply after = client.site("no-runtime");
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.api()).isFalse();
        assertThat(problemOf(() -> client.deploy("no-runtime-new", GOOD)).status())
                .isEqualTo(503);
        assertThat(problemOf(() -> client.call("GET", "/apps/no-runtime-new", null))
                        .status())
                .isEqualTo(404);
    }
}
