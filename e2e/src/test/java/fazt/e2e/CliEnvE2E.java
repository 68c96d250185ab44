package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Env vars and secrets with the `fazt` command a user types: declare in fazt.json, set, list masked, unset. */
class CliEnvE2E {
    private static final String SECRET = "sk_live_e2e_4f9b";

    @Test
    void setListAndUnsetEnvVarsWithTheCli() throws Exception {
        try (Stack stack = Stack.create("all"); Edge edge = new Edge(stack)) {
            Stack.Result up = stack.stack("up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            Path config = Files.createTempDirectory("fazt-cli-config-");
            Map<String, String> env = new HashMap<>();
            env.put("XDG_CONFIG_HOME", config.toString());
            env.put("HOME", config.toString());
            assertThat(fazt(env, "login", "http://admin.localhost:" + stack.httpPort, "--token", edge.token()).exitCode())
                    .isZero();

            Path site = Files.createTempDirectory("fazt-site-");
            Files.writeString(site.resolve("index.html"), "<h1>env</h1>");
            Files.writeString(site.resolve("fazt.json"), "{\"env\": [\"GREETING\", \"API_KEY\"]}");
            Stack.Result deployed = fazt(env, "deploy", site.toString(), "--name", "envsite");
            assertThat(deployed.exitCode()).as(deployed.output()).isZero();
            assertThat(deployed.output()).contains("env vars not set yet: GREETING, API_KEY");

            Path secretFile = Files.createTempFile("fazt-secret-", ".txt");
            Files.writeString(secretFile, SECRET + "\n");
            Stack.Result set = fazt(env, "env", "set", "envsite", "API_KEY=@" + secretFile, "--secret");
            assertThat(set.exitCode()).as(set.output()).isZero();
            assertThat(set.output()).contains("set secret API_KEY on envsite").doesNotContain(SECRET);
            assertThat(fazt(env, "env", "set", "envsite", "GREETING=hello=world").exitCode()).isZero();

            Stack.Result list = fazt(env, "env", "list", "envsite");
            assertThat(list.exitCode()).as(list.output()).isZero();
            assertThat(list.output()).contains("API_KEY").contains("••••••").contains("hello=world")
                    .doesNotContain(SECRET);
            assertThat(fazt(env, "env", "list", "envsite", "--json").output()).contains("\"GREETING\"")
                    .doesNotContain(SECRET);
            assertThat(fazt(env, "apps", "info", "envsite").output()).doesNotContain("missing env");

            Stack.Result reserved = fazt(env, "env", "set", "envsite", "KV=x");
            assertThat(reserved.exitCode()).isEqualTo(1);
            assertThat(reserved.output()).contains("deploy/env-rejected");

            assertThat(fazt(env, "env", "unset", "envsite", "GREETING").exitCode()).isZero();
            assertThat(fazt(env, "apps", "info", "envsite").output()).contains("missing env:  GREETING");
            Stack.Result again = fazt(env, "env", "unset", "envsite", "GREETING");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.output()).contains("deploy/env-not-found");
            assertThat(Files.readString(stack.home.resolve("logs/fazt.log"))).doesNotContain(SECRET);
        }
    }

    private static Stack.Result fazt(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Stack.REPO.resolve("bin/fazt").toString()));
        command.addAll(List.of(args));
        return Stack.run(command, env, 120);
    }
}
