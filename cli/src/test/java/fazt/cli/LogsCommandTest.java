package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogsCommandTest {
    static final String PAGE = "{\"lines\":["
            + "{\"at\":\"2026-05-01T12:00:00.123Z\",\"level\":\"info\",\"message\":\"started\",\"requestId\":\"r-1\"},"
            + "{\"at\":\"2026-05-01T12:00:01Z\",\"level\":\"error\",\"message\":\"TypeError: x is undefined\\n"
            + "    at api/main.js:3:7\",\"requestId\":\"r-2\"}],\"cursor\":\"17\",\"more\":false}";

    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    @ParameterizedTest
    @ValueSource(strings = {"30s", "10m", "2h", "7d", "500ms", "2026-05-01T12:00:00Z", " 10m "})
    void sinceAcceptsDurationsAndInstants(String value) {
        assertThat(Since.parse(value)).isEqualTo(value.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "ten minutes", "-5m", "1w", "2026-05-01", ""})
    void sinceRejectsAnythingElseWithAHint(String value) {
        assertThatThrownBy(() -> Since.parse(value))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("--since wants a duration such as 30s, 10m, 2h or 7d");
    }

    @Test
    void aLineShowsTimeLevelRequestAndMessageWithFurtherLinesIndented() {
        LogLineFormat format = new LogLineFormat(ZoneOffset.UTC);
        JsonNode page = json(PAGE);
        assertThat(format.format(page.path("lines").get(0))).isEqualTo("2026-05-01 12:00:00.123 INFO  [r-1] started");
        assertThat(format.format(page.path("lines").get(1)))
                .isEqualTo("2026-05-01 12:00:01.000 ERROR [r-2] TypeError: x is undefined\n        at api/main.js:3:7");
        assertThat(format.format(
                        json("{\"at\":\"2026-05-01T12:00:00Z\",\"level\":\"warn\",\"message\":\"no request\"}")))
                .isEqualTo("2026-05-01 12:00:00.000 WARN  no request");
        assertThat(new LogLineFormat(ZoneId.of("Europe/Paris"))
                        .format(page.path("lines").get(0)))
                .startsWith("2026-05-01 14:00:00.123 INFO");
    }

    @Test
    void printsEveryPageUntilCaughtUpThenStops() {
        cli.server().json("GET /api/apps/blog/logs", 200, PAGE);

        CliRun run = cli.run("logs", "blog", "--since", "2h", "--level", "info");

        assertThat(run.exit()).as(run.err()).isZero();
        LogLineFormat local = new LogLineFormat(ZoneId.systemDefault());
        JsonNode lines = json(PAGE).path("lines");
        assertThat(run.out()).isEqualTo(local.format(lines.get(0)) + "\n" + local.format(lines.get(1)) + "\n");
        assertThat(cli.server().requests).hasSize(1);
        assertThat(cli.server().last().query()).isEqualTo("since=2h&level=info&limit=500");
        assertThat(cli.server().last().header("Authorization")).isEqualTo("Bearer " + FakeAdminServer.TOKEN);
    }

    @Test
    void jsonPrintsOneObjectPerLine() {
        cli.server().json("GET /api/apps/blog/logs", 200, PAGE);

        CliRun run = cli.run("logs", "blog", "--json");

        assertThat(run.out()
                        .lines()
                        .map(LogsCommandTest::json)
                        .map(l -> l.path("requestId").asText())
                        .toList())
                .containsExactly("r-1", "r-2");
        assertThat(cli.server().last().query()).isEqualTo("limit=500");
    }

    @Test
    void followAsksAfterTheLastCursorOncePerPollAndNeverAgainFromTheStart() throws Exception {
        List<Map<String, String>> asked = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        List<JsonNode> pages = List.of(
                json("{\"lines\":[{\"message\":\"a\"}],\"cursor\":\"5\",\"more\":true}"),
                json("{\"lines\":[{\"message\":\"b\"}],\"cursor\":\"9\",\"more\":false}"),
                json("{\"lines\":[],\"cursor\":\"9\",\"more\":false}"),
                json("{\"lines\":[{\"message\":\"c\"}],\"cursor\":\"12\",\"more\":false}"));
        List<Duration> pauses = new ArrayList<>();
        LogTail tail = new LogTail(
                query -> {
                    asked.add(query);
                    return pages.get(asked.size() - 1);
                },
                line -> printed.add(line.path("message").asText()),
                duration -> {
                    pauses.add(duration);
                    if (asked.size() == pages.size()) {
                        throw new InterruptedException("Ctrl-C");
                    }
                });

        assertThatThrownBy(() -> tail.run("10m", "warn", true)).isInstanceOf(InterruptedException.class);

        assertThat(printed).containsExactly("a", "b", "c");
        assertThat(asked)
                .containsExactly(
                        Map.of("since", "10m", "level", "warn", "limit", "500"),
                        Map.of("after", "5", "level", "warn", "limit", "500"),
                        Map.of("after", "9", "level", "warn", "limit", "500"),
                        Map.of("after", "9", "level", "warn", "limit", "500"));
        assertThat(pauses)
                .as("no pause while pages are full, one per poll after")
                .hasSize(3)
                .allMatch(LogTail.POLL::equals);
    }

    @Test
    void anUnknownAppIsOneClearLine() {
        cli.server()
                .problem(
                        "GET /api/apps/nope/logs",
                        404,
                        "{\"type\":\"https://errors.fazt.dev/runtime/app-not-found\","
                                + "\"title\":\"App not found\",\"status\":404,\"detail\":\"There is no app named nope.\"}");

        CliRun run = cli.run("logs", "nope");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: There is no app named nope. (runtime/app-not-found)\n");
    }

    @Test
    void withoutALoginItSaysHowToLogIn(@TempDir Path home) {
        CliRun run = CliRun.run(CliRun.env(home), "logs", "blog", "-f");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("fazt: not logged in: run 'fazt login ADMIN-URL --token TOKEN'");
    }

    @Test
    void badOptionsFailBeforeAnyRequest() {
        CliRun since = cli.run("logs", "blog", "--since", "yesterday");
        assertThat(since.exit()).isEqualTo(1);
        assertThat(since.err()).startsWith("fazt: --since wants a duration");
        CliRun level = cli.run("logs", "blog", "--level", "loud");
        assertThat(level.err()).isEqualTo("fazt: --level wants debug, info, warn or error; got 'loud'\n");
        assertThat(cli.server().requests).isEmpty();
    }

    @Test
    void metricsShowBothWindowsAndSayWhenSampled() {
        cli.server()
                .json(
                        "GET /api/apps/blog/metrics",
                        200,
                        "{"
                                + "\"1h\":{\"requests\":20,\"errors\":2,\"coldStarts\":3,\"p50Ms\":10,\"p95Ms\":19,\"sampled\":false,\"sampleSize\":20},"
                                + "\"24h\":{\"requests\":90000,\"errors\":40,\"coldStarts\":9,\"p50Ms\":11,\"p95Ms\":80,\"sampled\":true,\"sampleSize\":20000}}");

        CliRun run = cli.run("apps", "metrics", "blog");

        assertThat(run.out().lines().toList())
                .containsExactly(
                        "WINDOW  REQUESTS  ERRORS  COLD    P50    P95",
                        "1h            20       2     3  10 ms  19 ms",
                        "24h        90000      40     9  11 ms  80 ms",
                        "(24h: errors, cold starts and percentiles estimated from the latest 20000 requests)");
    }

    @Test
    void requestsListNewestFirstWithTheErrorOfFailedOnes() {
        cli.server()
                .json(
                        "GET /api/apps/blog/requests",
                        200,
                        "{\"requests\":["
                                + "{\"at\":\"2026-05-01T12:00:00Z\",\"requestId\":\"r-2\",\"method\":\"POST\",\"path\":\"/api/x\","
                                + "\"status\":500,\"durationMs\":12,\"cold\":true,\"error\":\"TypeError: boom at api/main.js:3:7\\nmore\"},"
                                + "{\"at\":\"2026-05-01T11:59:00Z\",\"requestId\":\"r-1\",\"method\":\"GET\",\"path\":\"/api/y\","
                                + "\"status\":200,\"durationMs\":3,\"cold\":false}],\"truncated\":false}");

        CliRun run = cli.run("apps", "requests", "blog", "--errors", "--limit", "5");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().query()).isEqualTo("limit=5&status=error");
        List<String> out = run.out().lines().toList();
        assertThat(out.get(0)).startsWith("TIME").contains("STATUS").endsWith("ERROR");
        assertThat(out.get(1))
                .contains("500  POST    /api/x  12  cold  r-2      TypeError: boom at api/main.js:3:7")
                .doesNotContain("more");
        assertThat(out.get(2)).contains("200  GET     /api/y   3        r-1");
    }

    private static JsonNode json(String text) {
        try {
            return AdminClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
