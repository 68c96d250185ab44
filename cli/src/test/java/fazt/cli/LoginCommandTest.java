package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoginCommandTest {
    @RegisterExtension
    final FakeServerExtension cli = FakeServerExtension.withoutCredentials();

    @BeforeEach
    void serveApps() {
        cli.server().json("GET /api/apps", 200, "{\"apps\":[{\"name\":\"blog\"}]}");
    }

    @Test
    void loginChecksTheTokenOnLoopbackAndSavesTheServer() {
        CliRun run = cli.run("login", cli.server().url(), "--token", "fzt_secret");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("logged in to " + cli.server().url() + " as 'admin.localhost' (1 app); "
                        + "it is now the current server\n");
        FakeAdminServer.Request request = cli.server().last();
        assertThat(request.method() + " " + request.path()).isEqualTo("GET /api/apps");
        assertThat(request.header("Authorization")).isEqualTo("Bearer fzt_secret");
        assertThat(request.header("Host"))
                .isEqualTo("admin.localhost:" + cli.server().port());
        ConfigStore config = ConfigStore.of(cli.env());
        assertThat(config.current()).isEqualTo("admin.localhost");
        assertThat(config.find("admin.localhost").token()).isEqualTo("fzt_secret");
    }

    @Test
    void aRejectedTokenIsNotSaved() {
        cli.server()
                .problem(
                        "GET /api/apps",
                        401,
                        "{\"type\":\"https://errors.fazt.dev/auth/unauthorized\","
                                + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Missing or invalid token.\"}");

        CliRun run = cli.run("login", cli.server().url(), "--token", "wrong");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: Missing or invalid token. (auth/unauthorized)\n");
        assertThat(Files.exists(ConfigStore.of(cli.env()).file())).isFalse();
    }

    @Test
    void theTokenMayComeFromTheEnvironmentAndTheNameFromAnOption() {
        cli.env().put("FAZT_TOKEN", "from-env");

        CliRun run = cli.run("login", cli.server().url() + "/", "--name", "home");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().header("Authorization")).isEqualTo("Bearer from-env");
        assertThat(ConfigStore.of(cli.env()).find("home").server().uri())
                .hasToString(cli.server().url());
    }

    @Test
    void withoutATokenOrATerminalItSaysWhatToPass() {
        CliRun run = cli.run("login", cli.server().url());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("fazt: no token: pass --token TOKEN, set FAZT_TOKEN, or log in with --user NAME\n");
        assertThat(cli.server().requests).isEmpty();
    }

    @Test
    void anUrlWithAPathIsRefused() {
        CliRun run = cli.run("login", cli.server().url() + "/api", "--token", "t");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("fazt: give the admin URL without a path, e.g. "
                        + cli.server().url() + "\n");
    }

    @Test
    void severalServersThenLogout() throws IOException {
        try (FakeAdminServer other = new FakeAdminServer().json("GET /api/apps", 200, "{\"apps\":[]}")) {
            assertThat(cli.run("login", cli.server().url(), "--token", "t1", "--name", "home")
                            .exit())
                    .isZero();
            assertThat(cli.run("login", other.url(), "--token", "t2", "--name", "work")
                            .exit())
                    .isZero();

            CliRun servers = cli.run("servers");
            assertThat(servers.out())
                    .isEqualTo("   NAME  URL\n"
                            + "   home  " + cli.server().url() + "\n"
                            + "*  work  " + other.url() + "\n");
            assertThat(cli.run("servers", "--json").out()).doesNotContain("t1").contains("\"current\":true");

            // --server picks a saved one for a single command; the current one stays
            CliRun list = cli.run("apps", "list", "--server", "home");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(cli.server().last().header("Authorization")).isEqualTo("Bearer t1");

            CliRun logout = cli.run("logout");
            assertThat(logout.out()).isEqualTo("logged out of 'work'; current server: 'home'\n");
            assertThat(cli.run("logout", "nope").err()).startsWith("fazt: no server called 'nope'");
            assertThat(cli.run("logout", "home").exit()).isZero();
            assertThat(cli.run("apps", "list").err())
                    .isEqualTo(
                            "fazt: not logged in: run 'fazt login ADMIN-URL --token TOKEN' (or set FAZT_URL and FAZT_TOKEN)\n");
        }
    }

    @Test
    void statusAsksTheCurrentServerWhenNoUrlIsGiven() {
        cli.server()
                .json(
                        "GET /_fazt/health",
                        200,
                        "{\"status\":\"UP\",\"services\":[{\"name\":\"deploy\",\"status\":\"UP\"}]}");
        assertThat(cli.run("login", cli.server().url(), "--token", "t").exit()).isZero();

        CliRun run = cli.run("status");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("deploy     UP");
        assertThat(cli.server().last().header("Host"))
                .isEqualTo("admin.localhost:" + cli.server().port());
        assertThat(cli.server().last().header("Authorization"))
                .as("the details need a reader")
                .isEqualTo("Bearer t");
    }

    @Test
    void environmentCredentialsNeedNoConfigFile() {
        cli.env().put("FAZT_URL", cli.server().url());
        cli.env().put("FAZT_TOKEN", "ci-token");

        CliRun run = cli.run("apps", "list");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().header("Authorization")).isEqualTo("Bearer ci-token");
        assertThat(Files.exists(ConfigStore.of(cli.env()).file())).isFalse();
    }
}
