package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VersionsCommandTest {
    static final String VERSIONS = "{\"versions\":["
            + "{\"version\":3,\"files\":12,\"bytes\":2048,\"createdAt\":\"2026-01-03T11:30:00Z\",\"live\":false},"
            + "{\"version\":2,\"files\":11,\"bytes\":100,\"createdAt\":\"2026-01-02T11:30:00Z\",\"live\":true}]}";

    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    @Test
    void versionsMarksTheLiveOne() {
        cli.server().json("GET /api/apps/blog/versions", 200, VERSIONS);

        CliRun run = cli.run("versions", "blog");

        assertThat(run.out().lines().toList())
                .containsExactly(
                        "LIVE  VERSION  FILES    SIZE  CREATED",
                        "            3     12  2.0 KB  " + Table.time("2026-01-03T11:30:00Z"),
                        "*           2     11   100 B  " + Table.time("2026-01-02T11:30:00Z"));
        assertThat(cli.run("versions", "blog", "--json").out()).isEqualTo(VERSIONS + "\n");
    }

    @Test
    void rollbackGoesToThePreviousOrTheGivenVersion() {
        cli.server().json("POST /api/apps/blog/rollback", 200, "{\"app\":" + AppsCommandTest.BLOG + ",\"version\":2}");

        CliRun previous = cli.run("rollback", "blog");
        assertThat(previous.exit()).as(previous.err()).isZero();
        assertThat(previous.out())
                .isEqualTo("blog: version 2 is live at http://blog.localhost:"
                        + cli.server().port() + "/\n");
        assertThat(cli.server().last().text()).isEqualTo("{}");

        CliRun given = cli.run("rollback", "blog", "--to", "1");
        assertThat(given.exit()).isZero();
        assertThat(cli.server().last().text()).isEqualTo("{\"version\":1}");
        assertThat(cli.server().last().path()).isEqualTo("/api/apps/blog/rollback");
    }

    @Test
    void rollbackToAMissingVersionPrintsTheProblem() {
        cli.server()
                .problem(
                        "POST /api/apps/blog/rollback",
                        404,
                        "{\"type\":\"https://errors.fazt.dev/deploy/version-not-found\","
                                + "\"title\":\"Version not found\",\"status\":404}");

        CliRun run = cli.run("rollback", "blog", "--to", "9");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: Version not found (deploy/version-not-found)\n");
    }
}
