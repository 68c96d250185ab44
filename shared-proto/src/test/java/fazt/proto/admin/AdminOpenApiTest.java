package fazt.proto.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.proto.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document generated from the route tables, and the check that {@code docs/api/openapi.json} is that
 * document: a route added, changed or removed without regenerating the file fails here. Regenerate with
 * {@code mvn -o -q -pl shared-proto test -Dtest=AdminOpenApiTest -Dfazt.openapi.write=true}.
 */
class AdminOpenApiTest {
    static final Path CHECKED_IN = Path.of("..", "docs", "api", "openapi.json");
    final ObjectNode doc = AdminOpenApi.document(AdminApi.TABLE);

    @Test
    void theCheckedInDocumentIsTheOneTheRoutesGenerate() throws IOException {
        String generated =
                MessageCodec.INSTANCE.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        if (Boolean.getBoolean("fazt.openapi.write")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, generated);
        }
        assertThat(CHECKED_IN)
                .as("docs/api/openapi.json (regenerate: see this test's comment)")
                .exists();
        JsonNode checkedIn = MessageCodec.INSTANCE.mapper().readTree(Files.readString(CHECKED_IN));
        assertThat(checkedIn)
                .as("docs/api/openapi.json differs from the route tables; regenerate it")
                .isEqualTo(MessageCodec.INSTANCE.mapper().readTree(generated));
    }

    @Test
    void everyRouteIsAnOperationWithItsParametersAndScopes() {
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        int operations = 0;
        for (var path = doc.path("paths").fields(); path.hasNext(); ) {
            operations += path.next().getValue().size();
        }
        assertThat(operations).isEqualTo(AdminApi.TABLE.routes().size());

        JsonNode file = doc.path("paths").path("/apps/{name}/files/{path}").path("get");
        assertThat(names(file.path("parameters"))).containsExactly("name", "path");
        assertThat(file.path("x-fazt-service").asText()).isEqualTo("deploy");
        assertThat(file.path("security").toString())
                .isEqualTo("[{\"token\":[\"read\"]},{\"token\":[\"deploy:{name}\"]},{\"session\":[\"read\"]},"
                        + "{\"session\":[\"deploy:{name}\"]}]");

        JsonNode runs = doc.path("paths").path("/apps/{name}/runs").path("get");
        assertThat(names(runs.path("parameters"))).containsExactly("name", "status", "trigger", "limit", "cursor");

        JsonNode login = doc.path("paths").path("/auth/login").path("post");
        assertThat(login.path("security").isEmpty()).isTrue();
        assertThat(login.has("parameters")).isFalse();
        JsonNode me = doc.path("paths").path("/me").path("get");
        assertThat(me.path("security").toString()).isEqualTo("[{\"token\":[]},{\"session\":[]}]");
    }

    @Test
    void typedAnswersHaveSchemasFromTheirRecords() {
        JsonNode list =
                doc.path("paths").path("/apps").path("get").path("responses").path("200");
        assertThat(list.path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/AppList");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.path("AppList")
                        .path("properties")
                        .path("apps")
                        .path("items")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/AppView");
        assertThat(schemas.path("AppView")
                        .path("properties")
                        .path("createdAt")
                        .path("format")
                        .asText())
                .isEqualTo("date-time");
        assertThat(schemas.path("TokenView")
                        .path("properties")
                        .path("scopes")
                        .path("items")
                        .path("type")
                        .asText())
                .isEqualTo("string");
        assertThat(doc.path("paths")
                        .path("/apps")
                        .path("get")
                        .path("responses")
                        .path("default")
                        .path("content")
                        .path("application/problem+json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void requestBodiesAndExactSuccessStatusesComeFromTheTables() {
        JsonNode login = doc.path("paths").path("/auth/login").path("post");
        assertThat(login.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/LoginBody");
        assertThat(fieldNames(login.path("responses"))).containsExactly("200", "201", "default");
        assertThat(login.path("responses")
                        .path("201")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/NewToken");

        JsonNode logout = doc.path("paths").path("/auth/logout").path("post");
        assertThat(fieldNames(logout.path("responses"))).containsExactly("200", "204", "default");
        assertThat(logout.path("responses").path("204").has("content")).isFalse();
        assertThat(logout.has("requestBody")).isFalse();

        JsonNode metrics =
                doc.path("components").path("schemas").path("Metrics").path("properties");
        assertThat(fieldNames(metrics)).containsExactly("1h", "24h");
        JsonNode file =
                doc.path("paths").path("/apps/{name}/files/{path}").path("get").path("responses");
        assertThat(file.path("200").path("content").has("*/*")).isTrue();
        for (var path = doc.path("paths").fields(); path.hasNext(); ) {
            for (var op = path.next().getValue().fields(); op.hasNext(); ) {
                assertThat(fieldNames(op.next().getValue().path("responses")))
                        .doesNotContain("2XX")
                        .contains("default");
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> names(JsonNode parameters) {
        List<String> out = new ArrayList<>();
        parameters.forEach(p -> out.add(p.path("name").asText()));
        return out;
    }
}
