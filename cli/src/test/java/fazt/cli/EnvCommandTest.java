package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EnvCommandTest {
    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    @Test
    void listPrintsATableWithSecretsAsTheServerMasksThem() {
        String body =
                "{\"env\":[{\"key\":\"API_KEY\",\"value\":\"••••••\",\"secret\":true,\"updatedAt\":\"2026-01-03T11:30:00Z\"},"
                        + "{\"key\":\"MODE\",\"value\":\"prod\",\"secret\":false,\"updatedAt\":\"2026-01-02T10:00:00Z\"}]}";
        cli.server().json("GET /api/apps/blog/env", 200, body);

        CliRun run = cli.run("env", "list", "blog");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "KEY      SECRET  UPDATED           VALUE",
                        "API_KEY  yes     " + Table.time("2026-01-03T11:30:00Z") + "  ••••••",
                        "MODE     no      " + Table.time("2026-01-02T10:00:00Z") + "  prod");
        assertThat(cli.run("env", "list", "blog", "--json").out()).isEqualTo(body + "\n");
    }

    @Test
    void anEmptyListSaysHowToSetOne() {
        cli.server().json("GET /api/apps/blog/env", 200, "{\"env\":[]}");
        assertThat(cli.run("env", "list", "blog").out())
                .isEqualTo("no env vars on blog; set one with: fazt env set blog KEY=VALUE\n");
    }

    @Test
    void setPutsEachVarWithTheSecretFlag() {
        cli.server().json("PUT /api/apps/blog/env/API_KEY", 201, "{\"key\":\"API_KEY\",\"secret\":true}");
        cli.server().json("PUT /api/apps/blog/env/MODE", 200, "{\"key\":\"MODE\",\"secret\":true}");

        CliRun run = cli.runWithInput("s3cr3t\n", "env", "set", "blog", "API_KEY=-", "MODE=a=b", "--secret");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("set secret API_KEY on blog\nupdated secret MODE on blog\n")
                .doesNotContain("s3cr3t");
        assertThat(cli.server().requests).hasSize(2);
        assertThat(cli.server().requests.get(0).text()).isEqualTo("{\"value\":\"s3cr3t\",\"secret\":true}");
        assertThat(cli.sent()).isEqualTo("PUT /api/apps/blog/env/MODE {\"value\":\"a=b\",\"secret\":true}");
    }

    @Test
    void aBadArgumentSetsNothing() {
        CliRun run = cli.run("env", "set", "blog", "GOOD=1", "bad");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: 'bad': expected KEY=VALUE, KEY=@FILE or KEY=- (value from stdin)\n");
        assertThat(cli.server().requests).isEmpty();
        assertThat(cli.run("env", "set", "blog").exit()).isEqualTo(2);
    }

    @Test
    void serverRefusalsArePrintedAsProblems() {
        cli.server()
                .problem(
                        "PUT /api/apps/blog/env/KV",
                        422,
                        "{\"type\":\"https://errors.fazt.dev/deploy/env-rejected\","
                                + "\"title\":\"Env var rejected\",\"status\":422,\"detail\":\"\\\"KV\\\" is reserved: env.KV is a binding fazt provides\"}");

        CliRun run = cli.run("env", "set", "blog", "KV=x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("fazt: \"KV\" is reserved: env.KV is a binding fazt provides (deploy/env-rejected)\n");
    }

    @Test
    void unsetDeletesEachKey() {
        cli.server().empty("DELETE /api/apps/blog/env/A", 204);
        cli.server().empty("DELETE /api/apps/blog/env/B", 204);

        CliRun run = cli.run("env", "unset", "blog", "A", "B");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("unset A on blog\nunset B on blog\n");
        assertThat(cli.server().requests)
                .extracting(FakeAdminServer.Request::method)
                .containsExactly("DELETE", "DELETE");
    }
}
