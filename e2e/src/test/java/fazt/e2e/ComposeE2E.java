package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.test.DockerEngine;
import fazt.proto.MessageCodec;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The compose files themselves under test, where a Docker engine answers: each brings the suite up from this
 * repository's Dockerfile and the gateway reports seven services up. Without an engine (our CI machines) this is
 * skipped, and {@link SuiteHealthE2E} covers both modes from the built jars.
 */
class ComposeE2E {
    @Test
    void splitComposeFileBringsUpSevenHealthyServices() throws Exception {
        assertComposeFileServesAHealthySuite("docker-compose.yml", "gateway");
    }

    @Test
    void singleJvmComposeFileBringsUpSevenHealthyServices() throws Exception {
        assertComposeFileServesAHealthySuite("docker-compose.single.yml", "fazt");
    }

    private static void assertComposeFileServesAHealthySuite(String file, String edgeService) throws Exception {
        assumeTrue(DockerEngine.available(), "no Docker engine answers; the jar-based e2e covers this mode");
        try (ComposeContainer compose = new ComposeContainer(new File(Stack.REPO.toFile(), file))
                .withBuild(true)
                .withExposedService(
                        edgeService,
                        8080,
                        Wait.forHttp("/_fazt/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)))) {
            compose.start();
            String url = "http://" + compose.getServiceHost(edgeService, 8080) + ":"
                    + compose.getServicePort(edgeService, 8080) + "/_fazt/health";
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode body = MessageCodec.INSTANCE.mapper().readTree(response.body());
                assertThat(body.get("services")).hasSize(7);
                body.get("services")
                        .forEach(s -> assertThat(s.get("status").asText()).isEqualTo("UP"));
            }
        }
    }
}
