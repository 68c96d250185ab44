package fazt.proto.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemExtensionsTest {
    private final MessageCodec codec = MessageCodec.INSTANCE;

    @Test
    void extensionMembersAreTopLevelAndSurviveARoundTrip() throws Exception {
        Problem problem = Problem.of(422, "deploy/server-code-invalid", "Server code invalid", "api/main.js:3:14: boom")
                .withExtension("file", "api/main.js")
                .withExtension("line", 3)
                .withExtension("column", 14);
        JsonNode json = codec.mapper().readTree(codec.encode(problem));
        assertThat(json.path("file").asText()).isEqualTo("api/main.js");
        assertThat(json.path("line").asInt()).isEqualTo(3);
        assertThat(json.has("extensions")).isFalse();
        Problem decoded = codec.decode(codec.encode(problem), Problem.class);
        assertThat(decoded.extensions())
                .containsEntry("file", "api/main.js")
                .containsEntry("line", 3)
                .containsEntry("column", 14);
        assertThat(decoded.detail()).isEqualTo("api/main.js:3:14: boom");
        // A relay (the gateway) that re-stamps the problem keeps its extensions.
        assertThat(decoded.withInstance("/api/apps/x/deploy").withTraceId("t").extensions())
                .hasSize(3);
    }

    @Test
    void aProblemWithoutExtensionsWritesNoExtraMember() throws Exception {
        Problem problem = Problem.of(404, "deploy/app-not-found", "App not found", "No app.");
        String json = new String(codec.encode(problem), StandardCharsets.UTF_8);
        assertThat(codec.mapper().readTree(json).size()).isEqualTo(5);
        assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8), Problem.class))
                .isEqualTo(problem);
    }
}
