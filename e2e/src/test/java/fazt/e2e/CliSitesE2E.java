package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The site workflow with the `fazt` command a user types: login, deploy, list, versions, rollback, pull, delete. */
class CliSitesE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm();

    @Test
    void deployListRollbackPullAndDeleteWithTheCli() throws Exception {
        Stack stack = suite.stack();
        Edge edge = suite.edge();
        Cli cli = Cli.loggedIn(stack, edge);

        Path site = Files.createTempDirectory("fazt-site-");
        Files.writeString(site.resolve("index.html"), "<h1>cli v1</h1>");
        Files.writeString(site.resolve("secret.env"), "KEY=1");
        Files.writeString(site.resolve(".faztignore"), "*.env\n");
        Stack.Result deployed = cli.run("deploy", site.toString(), "--name", "clisite");
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.output()).contains("http://clisite.localhost:" + stack.httpPort + "/");
        assertThat(Edge.text(edge.get("clisite.localhost", "/"))).isEqualTo("<h1>cli v1</h1>");
        assertThat(edge.get("clisite.localhost", "/secret.env").statusCode()).isEqualTo(404);

        Files.writeString(site.resolve("index.html"), "<h1>cli v2</h1>");
        assertThat(cli.run("deploy", site.toString(), "--name", "clisite").exitCode())
                .isZero();
        assertThat(Edge.text(edge.get("clisite.localhost", "/"))).isEqualTo("<h1>cli v2</h1>");

        Stack.Result list = cli.run("apps", "list");
        assertThat(list.output()).contains("clisite").contains("root").contains("404");
        Stack.Result json = cli.run("apps", "list", "--json");
        assertThat(json.output().strip()).startsWith("{").contains("\"clisite\"");
        assertThat(cli.run("versions", "clisite").output()).contains("1").contains("2");

        Stack.Result rollback = cli.run("rollback", "clisite");
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(Edge.text(edge.get("clisite.localhost", "/"))).isEqualTo("<h1>cli v1</h1>");

        Path pulled = Files.createTempDirectory("fazt-pull-").resolve("out");
        Stack.Result pull = cli.run("pull", "clisite", pulled.toString());
        assertThat(pull.exitCode()).as(pull.output()).isZero();
        assertThat(Files.readString(pulled.resolve("index.html"))).isEqualTo("<h1>cli v1</h1>");

        Stack.Result missing = cli.run("apps", "info", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.output().strip()).startsWith("fazt: ").contains("deploy/app-not-found");

        assertThat(cli.run("apps", "delete", "clisite", "--yes").exitCode()).isZero();
        assertThat(edge.get("clisite.localhost", "/").statusCode()).isEqualTo(404);
    }
}
