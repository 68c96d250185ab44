package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fazt status}: the state of every service of a fazt server, as its gateway sees it. */
@Command(name = "status", description = "Show whether every service of the server is up (exit 1 if any is down).")
final class StatusCommand implements Callable<Integer> {
    @Option(
            names = "--url",
            paramLabel = "URL",
            description =
                    "the server (default: --server's URL, else $FAZT_URL, else the current server's, else http://localhost:8080)")
    String url;

    @Option(names = "--json", description = "print the server's JSON report as it is")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Login login = login();
        ServerAddress server = login.server();
        // with a token the gateway shows instances and checks; without, only UP or DOWN per service
        ServerClient.Response response = new ServerClient(server)
                .send(
                        "GET",
                        "/_fazt/health",
                        login.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + login.token()),
                        ServerClient.TIMEOUT,
                        null);
        PrintWriter out = spec.commandLine().getOut();
        if (response.status() != 200 && response.status() != 503) {
            throw new CliFailure(server.uri() + " answered " + response.status() + "; is it a fazt gateway?");
        }
        JsonNode report = new ObjectMapper().readTree(response.text());
        if (json) {
            out.println(response.text());
        } else {
            out.printf("%-10s %-5s %-24s %s%n", "SERVICE", "STATE", "INSTANCE", "DETAIL");
            for (JsonNode service : report.path("services")) {
                out.printf(
                        "%-10s %-5s %-24s %s%n",
                        service.path("name").asText(),
                        service.path("status").asText(),
                        service.path("instance").asText("-"),
                        detail(service));
            }
        }
        out.flush();
        return "UP".equals(report.path("status").asText()) ? 0 : 1;
    }

    /** The health report is served on every host of the gateway, so any admin URL will do; the token if known. */
    private Login login() {
        Fazt fazt = Fazt.of(spec);
        String envToken = fazt.env().get("FAZT_TOKEN");
        String token = envToken == null || envToken.isBlank() ? null : envToken.strip();
        if (url != null && !url.isBlank()) {
            return new Login("url", ServerAddress.parse(url), token);
        }
        if (fazt.server != null) {
            return fazt.config().find(fazt.server);
        }
        String env = fazt.env().get("FAZT_URL");
        if (env != null && !env.isBlank()) {
            return new Login("FAZT_URL", ServerAddress.parse(env), token);
        }
        ConfigStore config = fazt.config();
        String current = config.current();
        return current != null
                ? config.find(current)
                : new Login("default", ServerAddress.parse(ServerAddress.DEFAULT), null);
    }

    private static String detail(JsonNode service) {
        if (service.hasNonNull("reason")) {
            return service.get("reason").asText();
        }
        StringBuilder detail = new StringBuilder();
        for (Map.Entry<String, JsonNode> check : service.path("checks").properties()) {
            if (!detail.isEmpty()) {
                detail.append(", ");
            }
            detail.append(check.getKey()).append(' ').append(check.getValue().asText());
        }
        return detail.toString();
    }
}
