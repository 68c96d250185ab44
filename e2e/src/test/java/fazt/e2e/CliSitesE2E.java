package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The site workflow with the `fazt` command a user types: login, deploy, list, versions, rollback, pull, delete. */
class CliSitesE2E {
    @Test
    void deployListRollbackPullAndDeleteWithTheCli() throws Exception {
        try (Stack stack = Stack.create("all"); Edge edge = new Edge(stack)) {
            Stack.Result up = stack.stack("up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            Path config = Files.createTempDirectory("fazt-cli-config-");
            Map<String, String> env = new HashMap<>();
            env.put("XDG_CONFIG_HOME", config.toString());
            env.put("HOME", config.toString());
            String admin = "http://admin.localhost:" + stack.httpPort;

            Stack.Result login = fazt(env, "login", admin, "--token", edge.token());
            assertThat(login.exitCode()).as(login.output()).isZero();

            Path site = Files.createTempDirectory("fazt-site-");
            Files.writeString(site.resolve("index.html"), "<h1>cli v1</h1>");
            Files.writeString(site.resolve("secret.env"), "KEY=1");
            Files.writeString(site.resolve(".faztignore"), "*.env\n");
            Stack.Result deployed = fazt(env, "deploy", site.toString(), "--name", "clisite");
            assertThat(deployed.exitCode()).as(deployed.output()).isZero();
            assertThat(deployed.output()).contains("http://clisite.localhost:" + stack.httpPort + "/");
            assertThat(Edge.text(edge.get("clisite.localhost", "/"))).isEqualTo("<h1>cli v1</h1>");
            assertThat(edge.get("clisite.localhost", "/secret.env").statusCode()).isEqualTo(404);

            Files.writeString(site.resolve("index.html"), "<h1>cli v2</h1>");
            assertThat(fazt(env, "deploy", site.toString(), "--name", "clisite").exitCode()).isZero();
            assertThat(Edge.text(edge.get("clisite.localhost", "/"))).isEqualTo("<h1>cli v2</h1>");

            Stack.Result list = fazt(env, "apps", "list");
            assertThat(list.output()).contains("clisite").contains("root").contains("404");
            Stack.Result json = fazt(env, "apps", "list", "--json");
            assertThat(json.output().strip()).startsWith("{").contains("\"clisite\"");
            assertThat(fazt(env, "versions", "clisite").output()).contains("1").contains("2");

            Stack.Result rollback = fazt(env, "rollback", "clisite");
            assertThat(rollback.exitCode()).as(rollback.output()).isZero();
            assertThat(Edge.text(edge.get("clisite.localhost", "/"))).isEqualTo("<h1>cli v1</h1>");

            Path pulled = Files.createTempDirectory("fazt-pull-").resolve("out");
            Stack.Result pull = fazt(env, "pull", "clisite", pulled.toString());
            assertThat(pull.exitCode()).as(pull.output()).isZero();
            assertThat(Files.readString(pulled.resolve("index.html"))).isEqualTo("<h1>cli v1</h1>");

            Stack.Result missing = fazt(env, "apps", "info", "nope");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.output().strip()).startsWith("fazt: ").contains("deploy/app-not-found");

            assertThat(fazt(env, "apps", "delete", "clisite", "--yes").exitCode()).isZero();
            assertThat(edge.get("clisite.localhost", "/").statusCode()).isEqualTo(404);
        }
    }

    private static Stack.Result fazt(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Stack.REPO.resolve("bin/fazt").toString()));
        command.addAll(List.of(args));
        return Stack.run(command, env, 120);
    }
}
