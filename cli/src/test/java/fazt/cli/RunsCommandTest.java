package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunsCommandTest {
    static final String RUNS =
            "{\"runs\":[{\"id\":\"r_2\",\"app\":\"blog\",\"trigger\":\"cron\",\"source\":\"nightly\","
                    + "\"status\":\"failed\",\"attempts\":3,\"maxAttempts\":3,\"lost\":0,\"createdAt\":\"2026-01-03T11:30:00Z\","
                    + "\"finishedAt\":\"2026-01-03T11:31:00Z\"}],\"nextCursor\":\"r_2\"}";
    static final String RUN = "{\"run\":{\"id\":\"r_2\",\"app\":\"blog\",\"trigger\":\"async\",\"source\":\"/api/x\","
            + "\"status\":\"succeeded\",\"attempts\":2,\"maxAttempts\":3,\"lost\":1,\"createdAt\":\"2026-01-03T11:30:00Z\"},"
            + "\"payload\":{\"method\":\"POST\",\"url\":\"/api/x\",\"headers\":[],\"body\":\"{}\",\"bytes\":2},"
            + "\"attempts\":[{\"n\":1,\"startedAt\":\"2026-01-03T11:30:00Z\",\"status\":\"lost\",\"error\":\"gone\","
            + "\"instance\":\"rt-1\",\"counted\":false},{\"n\":2,\"startedAt\":\"2026-01-03T11:30:05Z\","
            + "\"status\":\"succeeded\",\"httpStatus\":200,\"log\":\"info hello\\ninfo bye\\n\",\"counted\":true}]}";

    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    @Test
    void runsListsWithFiltersAndSaysHowToPage() {
        cli.server().json("GET /api/apps/blog/runs", 200, RUNS);

        CliRun run = cli.run("runs", "blog", "--status", "failed", "--trigger", "cron");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().query()).isEqualTo("status=failed&trigger=cron");
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "RUN  TRIGGER  SOURCE   STATUS  ATTEMPTS  CREATED           FINISHED",
                        "r_2  cron     nightly  failed  3/3       " + Table.time("2026-01-03T11:30:00Z") + "  "
                                + Table.time("2026-01-03T11:31:00Z"),
                        "more: fazt runs blog --cursor r_2");
    }

    @Test
    void showPrintsAttemptsWithTheirOutput() {
        cli.server().json("GET /api/runs/r_2", 200, RUN);

        CliRun run = cli.run("runs", "show", "r_2");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("status    succeeded, 2 of 3 attempts")
                .contains("request   POST /api/x (2 B)")
                .contains("attempt 1: lost (not counted)")
                .contains("  error: gone")
                .contains("attempt 2: succeeded 200")
                .contains("  | info hello\n  | info bye\n");
    }

    @Test
    void replayPostsAndNamesTheNewRun() {
        cli.server().json("POST /api/runs/r_2/replay", 201, "{\"run\":{\"id\":\"r_3\",\"replayOf\":\"r_2\"}}");

        CliRun run = cli.run("runs", "replay", "r_2");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("replaying r_2 as r_3; follow it with: fazt runs show r_3\n");
    }

    @Test
    void schedulesShowWhenAndLastAndNext() {
        cli.server()
                .json(
                        "GET /api/apps/blog/schedules",
                        200,
                        "{\"schedules\":[{\"name\":\"sync\",\"everyMillis\":30000,"
                                + "\"catchup\":\"once\",\"nextRun\":\"2026-01-03T11:30:30Z\"},{\"name\":\"nightly\",\"cron\":\"0 3 * * *\","
                                + "\"tz\":\"Europe/Berlin\",\"catchup\":\"skip\",\"lastRun\":\"2026-01-03T02:00:00Z\","
                                + "\"lastStatus\":\"succeeded\",\"nextRun\":\"2026-01-04T02:00:00Z\"}],\"policy\":{\"attempts\":3,"
                                + "\"backoffMillis\":1000,\"concurrency\":4,\"timeoutMillis\":30000}}");

        CliRun run = cli.run("schedules", "blog");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .hasSize(4)
                .startsWith("runs: 3 attempts, backoff from 1s, at most 4 at once, timeout 30s");
        assertThat(run.out())
                .contains("every 30s")
                .contains("0 3 * * * (Europe/Berlin)")
                .contains("succeeded");
    }

    @Test
    void schedulesShowTheAsyncPathsAndIntakeLimits() {
        cli.server()
                .json(
                        "GET /api/apps/blog/schedules",
                        200,
                        "{\"schedules\":[],\"policy\":{\"attempts\":3,"
                                + "\"backoffMillis\":1000,\"concurrency\":4,\"timeoutMillis\":30000},\"intake\":{\"async\":[\"resize\","
                                + "\"jobs/*\"],\"perMinute\":60,\"burst\":30,\"maxStoredBytes\":67108864,\"storedBytes\":1572864}}");

        CliRun run = cli.run("schedules", "blog");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .contains("async: resize, jobs/*; from outside at most 60 a minute "
                        + "(burst 30), payloads kept 1.5 MiB of 64.0 MiB");
    }

    @Test
    void hooksCreateSendsTheSecretAndPrintsTheUrl() {
        cli.server()
                .json(
                        "POST /api/apps/blog/hooks",
                        201,
                        "{\"hook\":{\"id\":\"h_abc\",\"name\":\"github\","
                                + "\"signature\":\"github\",\"host\":\"blog.localhost\",\"path\":\"/_fazt/hooks/h_abc\"}}");

        CliRun run = cli.run("hooks", "create", "blog", "github", "--secret", "s3cret");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().text()).isEqualTo("{\"name\":\"github\",\"secret\":\"s3cret\"}");
        assertThat(run.out())
                .isEqualTo("created webhook github on blog (github): http://blog.localhost:"
                        + cli.server().port() + "/_fazt/hooks/h_abc\n");
    }

    @Test
    void hooksDeleteAndAProblemIsOneLine() {
        cli.server().empty("DELETE /api/apps/blog/hooks/github", 204);
        assertThat(cli.run("hooks", "delete", "blog", "github").out()).isEqualTo("deleted webhook github on blog\n");

        cli.server()
                .problem(
                        "GET /api/apps/nope/hooks",
                        404,
                        "{\"type\":\"https://errors.fazt.dev/scheduler/app-not-found\","
                                + "\"title\":\"App not found\",\"status\":404}");
        CliRun missing = cli.run("hooks", "list", "nope");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("fazt: App not found (scheduler/app-not-found)\n");
    }
}
