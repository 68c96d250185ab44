package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Env vars and secrets with the `fazt` command a user types: declare in fazt.json, set, list masked, unset. */
class CliEnvE2E {
    private static final String SECRET = "sk_live_e2e_4f9b";

    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm();

    @Test
    void setListAndUnsetEnvVarsWithTheCli() throws Exception {
        Cli cli = Cli.loggedIn(suite.stack(), suite.edge());

        Path site = Files.createTempDirectory("fazt-site-");
        Files.writeString(site.resolve("index.html"), "<h1>env</h1>");
        Files.writeString(site.resolve("fazt.json"), "{\"env\": [\"GREETING\", \"API_KEY\"]}");
        Stack.Result deployed = cli.run("deploy", site.toString(), "--name", "envsite");
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.output()).contains("env vars not set yet: GREETING, API_KEY");

        Path secretFile = Files.createTempFile("fazt-secret-", ".txt");
        Files.writeString(secretFile, SECRET + "\n");
        Stack.Result set = cli.run("env", "set", "envsite", "API_KEY=@" + secretFile, "--secret");
        assertThat(set.exitCode()).as(set.output()).isZero();
        assertThat(set.output()).contains("set secret API_KEY on envsite").doesNotContain(SECRET);
        assertThat(cli.run("env", "set", "envsite", "GREETING=hello=world").exitCode())
                .isZero();

        Stack.Result list = cli.run("env", "list", "envsite");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output())
                .contains("API_KEY")
                .contains("••••••")
                .contains("hello=world")
                .doesNotContain(SECRET);
        assertThat(cli.run("env", "list", "envsite", "--json").output())
                .contains("\"GREETING\"")
                .doesNotContain(SECRET);
        assertThat(cli.run("apps", "info", "envsite").output()).doesNotContain("missing env");

        Stack.Result reserved = cli.run("env", "set", "envsite", "KV=x");
        assertThat(reserved.exitCode()).isEqualTo(1);
        assertThat(reserved.output()).contains("deploy/env-rejected");

        assertThat(cli.run("env", "unset", "envsite", "GREETING").exitCode()).isZero();
        assertThat(cli.run("apps", "info", "envsite").output()).contains("missing env:  GREETING");
        Stack.Result again = cli.run("env", "unset", "envsite", "GREETING");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("deploy/env-not-found");
        assertThat(Files.readString(suite.stack().home.resolve("logs/fazt.log")))
                .doesNotContain(SECRET);
    }
}
