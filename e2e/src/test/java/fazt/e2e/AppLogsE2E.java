package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app's log, requests and metrics through the public edge: the gateway forwards {@code /api/apps/<name>/logs|
 * requests|metrics} to runtime-svc, which resolves the name with deploy-svc and reads the log streams.
 */
class AppLogsE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm();

    @Test
    void logsRequestsAndMetricsAnswerThroughTheGatewayAndTheCli() throws Exception {
        Edge edge = suite.edge();
        Path site = Files.createTempDirectory("fazt-logged-");
        Files.writeString(site.resolve("index.html"), "<h1>logged</h1>");
        Cli cli = Cli.loggedIn(suite.stack(), edge);
        assertThat(cli.run("deploy", site.toString(), "--name", "logged").exitCode())
                .isZero();

        HttpResponse<byte[]> logs = edge.json("GET", "/apps/logged/logs?since=10m&level=warn", null);
        assertThat(logs.statusCode()).as(Edge.text(logs)).isEqualTo(200);
        assertThat(Edge.text(logs))
                .contains("\"lines\":[]")
                .contains("\"cursor\":")
                .contains("\"more\":false");
        HttpResponse<byte[]> metrics = edge.json("GET", "/apps/logged/metrics", null);
        assertThat(Edge.text(metrics)).contains("\"1h\":{").contains("\"requests\":0");

        HttpResponse<byte[]> bad = edge.json("GET", "/apps/logged/logs?limit=0", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Edge.text(bad)).contains("runtime/invalid-request").contains("\"field\":\"limit\"");
        HttpResponse<byte[]> anonymous = edge.get("admin.localhost", "/api/apps/logged/logs");
        assertThat(anonymous.statusCode()).isEqualTo(401);

        Stack.Result tail = cli.run("logs", "logged", "--since", "1h");
        assertThat(tail.exitCode()).as(tail.output()).isZero();
        assertThat(tail.output()).isEmpty();
        Stack.Result requests = cli.run("apps", "requests", "logged");
        assertThat(requests.output().strip()).isEqualTo("no requests recorded");
        Stack.Result figures = cli.run("apps", "metrics", "logged");
        assertThat(figures.output()).contains("WINDOW").contains("1h").contains("24h");
        Stack.Result missing = cli.run("logs", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.output().strip()).isEqualTo("fazt: There is no app named nope. (runtime/app-not-found)");
    }
}
