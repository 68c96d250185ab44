package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AppsCommandTest {
    static final String BLOG =
            "{\"id\":\"a_1\",\"name\":\"blog\",\"host\":\"blog.localhost\",\"version\":3,\"versions\":3,"
                    + "\"files\":12,\"bytes\":1572864,\"createdAt\":\"2026-01-02T10:00:00Z\",\"updatedAt\":\"2026-01-03T11:30:00Z\",\"owner\":\"ana\"}";
    static final String SHOP =
            "{\"id\":\"a_2\",\"name\":\"shop-front\",\"host\":\"shop-front.localhost\",\"version\":1,"
                    + "\"versions\":1,\"files\":1,\"bytes\":900,\"createdAt\":\"2026-01-02T10:00:00Z\",\"updatedAt\":\"2026-01-02T10:00:00Z\"}";

    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    @Test
    void listPrintsAnAlignedTable() {
        cli.server().json("GET /api/apps", 200, "{\"apps\":[" + BLOG + "," + SHOP + "]}");

        CliRun run = cli.run("apps", "list");

        assertThat(run.exit()).as(run.err()).isZero();
        String port = String.valueOf(cli.server().port());
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "NAME        VERSION  FILES    SIZE  UPDATED           OWNER  URL",
                        "blog              3     12  1.5 MB  " + Table.time("2026-01-03T11:30:00Z")
                                + "  ana    http://blog.localhost:" + port + "/",
                        "shop-front        1      1   900 B  " + Table.time("2026-01-02T10:00:00Z")
                                + "  -      http://shop-front.localhost:" + port + "/");
        assertThat(cli.sent()).isEqualTo("GET /api/apps");
    }

    @Test
    void listWithJsonPrintsTheServersJson() {
        String body = "{\"apps\":[" + BLOG + "]}";
        cli.server().json("GET /api/apps", 200, body);

        assertThat(cli.run("apps", "list", "--json").out()).isEqualTo(body + "\n");
    }

    @Test
    void anEmptyListSaysHowToStart() {
        cli.server().json("GET /api/apps", 200, "{\"apps\":[]}");

        assertThat(cli.run("apps", "list").out()).isEqualTo("no apps yet; deploy a directory with: fazt deploy DIR\n");
    }

    @Test
    void infoShowsOneApp() {
        cli.server().json("GET /api/apps/blog", 200, BLOG);

        CliRun run = cli.run("apps", "info", "blog");

        assertThat(run.out())
                .contains("name:         blog\n")
                .contains("url:          http://blog.localhost:" + cli.server().port() + "/\n")
                .contains("live version: 3 of 3\n")
                .contains("files:        12 (1.5 MB)\n");
        assertThat(cli.run("apps", "info", "blog", "--json").out()).isEqualTo(BLOG + "\n");
        assertThat(run.out()).doesNotContain("missing env");

        cli.server().json("GET /api/apps/blog", 200, BLOG.replaceFirst("\\}$", ",\"missingEnv\":[\"TOKEN\"]}"));
        assertThat(cli.run("apps", "info", "blog").out()).contains("missing env:  TOKEN\n");
    }

    @Test
    void infoOnAMissingAppPrintsTheProblem() {
        cli.server()
                .problem(
                        "GET /api/apps/nope",
                        404,
                        "{\"type\":\"https://errors.fazt.dev/deploy/app-not-found\","
                                + "\"title\":\"App not found\",\"status\":404,\"detail\":\"No app is called nope.\"}");

        CliRun run = cli.run("apps", "info", "nope");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("fazt: No app is called nope. (deploy/app-not-found)\n");
    }

    @Test
    void deleteNeedsYesWithoutATerminal() {
        cli.server().empty("DELETE /api/apps/blog", 204);

        CliRun refused = cli.run("apps", "delete", "blog");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("fazt: not deleting blog without --yes (no terminal to ask on)\n");
        assertThat(cli.server().requests).isEmpty();

        CliRun run = cli.run("apps", "delete", "blog", "--yes");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("deleted blog\n");
        assertThat(cli.sent()).isEqualTo("DELETE /api/apps/blog");
    }

    @Test
    void renameSendsTheNewName() {
        cli.server().json("PATCH /api/apps/blog", 200, BLOG.replace("blog", "journal"));

        CliRun run = cli.run("apps", "rename", "blog", "journal");

        assertThat(run.out())
                .isEqualTo("renamed blog to journal: http://journal.localhost:"
                        + cli.server().port() + "/\n");
        assertThat(cli.sent()).isEqualTo("PATCH /api/apps/blog {\"name\":\"journal\"}");
        assertThat(cli.server().last().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void cloneSendsTheNewNameAndTheVersionWhenGiven() {
        cli.server().json("POST /api/apps/blog/clone", 201, "{\"app\":" + BLOG.replace("blog", "blog-copy") + "}");

        CliRun latest = cli.run("apps", "clone", "blog", "blog-copy");
        assertThat(latest.out())
                .isEqualTo("cloned blog as blog-copy: http://blog-copy.localhost:"
                        + cli.server().port() + "/\n");
        assertThat(cli.sent()).isEqualTo("POST /api/apps/blog/clone {\"as\":\"blog-copy\"}");

        CliRun older = cli.run("apps", "clone", "blog", "blog-copy", "--version", "2");
        assertThat(older.out()).startsWith("cloned blog version 2 as blog-copy");
        assertThat(cli.sent()).isEqualTo("POST /api/apps/blog/clone {\"as\":\"blog-copy\",\"version\":2}");
    }

    @Test
    void wrongUsageExitsTwo() {
        assertThat(cli.run("apps").exit()).isEqualTo(2);
        assertThat(cli.run("apps", "rename", "blog").exit()).isEqualTo(2);
        assertThat(cli.run("apps", "clone", "a", "b", "--version", "x").exit()).isEqualTo(2);
        assertThat(cli.run("deploy", "--nope").exit()).isEqualTo(2);
        assertThat(cli.server().requests).isEmpty();
    }
}
