package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PullCommandTest {
    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    private void serve(String... pathsAndContents) {
        StringBuilder listing = new StringBuilder("{\"files\":[");
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            byte[] content = pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
            listing.append(i == 0 ? "" : ",")
                    .append("{\"path\":\"")
                    .append(pathsAndContents[i])
                    .append("\",\"size\":")
                    .append(content.length)
                    .append(",\"digest\":\"")
                    .append(sha256(content))
                    .append("\"}");
            cli.server().bytes("GET /api/apps/blog/files/" + pathsAndContents[i].replace(" ", "%20"), content);
        }
        cli.server().json("GET /api/apps/blog/files", 200, listing.append("]}").toString());
    }

    @Test
    void writesEveryFileOfTheLiveVersion() throws IOException {
        serve("index.html", "<h1>hi</h1>", "css/site.css", "body{}", "img/a b.svg", "<svg/>");
        Path dir = cli.home().resolve("out");

        CliRun run = cli.run("pull", "blog", dir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("<h1>hi</h1>");
        assertThat(Files.readString(dir.resolve("css/site.css"))).isEqualTo("body{}");
        assertThat(Files.readString(dir.resolve("img/a b.svg"))).isEqualTo("<svg/>");
        assertThat(run.out()).isEqualTo("pulled 3 files (23 B) of blog into " + dir + "\n");
        assertThat(cli.server().requests)
                .extracting(FakeAdminServer.Request::path)
                .containsExactly(
                        "/api/apps/blog/files",
                        "/api/apps/blog/files/index.html",
                        "/api/apps/blog/files/css/site.css",
                        "/api/apps/blog/files/img/a%20b.svg");
    }

    @Test
    void refusesANonEmptyDirectoryUnlessForced() throws IOException {
        serve("index.html", "new");
        Path dir = Files.createDirectories(cli.home().resolve("out"));
        Files.writeString(dir.resolve("index.html"), "old");
        Files.writeString(dir.resolve("mine.txt"), "keep");

        CliRun refused = cli.run("pull", "blog", dir.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("fazt: " + dir + " is not empty; pass --force to write into it anyway\n");
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("old");

        CliRun forced = cli.run("pull", "blog", dir.toString(), "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("new");
        assertThat(Files.readString(dir.resolve("mine.txt"))).isEqualTo("keep");
    }

    @Test
    void refusesPathsThatWouldEscapeBeforeWritingAnything() {
        serve("index.html", "ok", "../evil.sh", "rm -rf");
        Path dir = cli.home().resolve("out");

        CliRun run = cli.run("pull", "blog", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: refusing to write '../evil.sh': it would land outside " + dir + "\n");
        assertThat(dir).doesNotExist();
        assertThat(cli.home().resolve("evil.sh")).doesNotExist();
    }

    @Test
    void aCorruptDownloadIsNotKept() throws IOException {
        serve("index.html", "<h1>hi</h1>");
        cli.server().bytes("GET /api/apps/blog/files/index.html", "tampered".getBytes(StandardCharsets.UTF_8));
        Path dir = cli.home().resolve("out");

        CliRun run = cli.run("pull", "blog", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: index.html: downloaded content does not match its digest; try again\n");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void neverWritesThroughALinkInTheTarget() throws IOException {
        serve("css/site.css", "body{}");
        Path dir = Files.createDirectories(cli.home().resolve("out"));
        Path elsewhere = Files.createDirectories(cli.home().resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("css"), elsewhere);

        CliRun run = cli.run("pull", "blog", dir.toString(), "--force");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("is a symbolic link");
        assertThat(elsewhere.resolve("site.css")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "a/./b", "a//b", "", "C:/x", "a\\b", "..", "a/"})
    void targetRejectsEscapingOrOddPaths(String path) {
        assertThatThrownBy(() -> PullCommand.target(Path.of("/srv/out"), path))
                .isInstanceOf(CliFailure.class)
                .hasMessageStartingWith("refusing to write");
    }

    @Test
    void targetAcceptsOrdinaryPaths() {
        assertThat(PullCommand.target(Path.of("/srv/out"), "a/b.txt")).isEqualTo(Path.of("/srv/out/a/b.txt"));
        assertThat(PullCommand.target(Path.of("/srv/out"), "/index.html")).isEqualTo(Path.of("/srv/out/index.html"));
        assertThat(PullCommand.target(Path.of("/srv/out"), "..hidden")).isEqualTo(Path.of("/srv/out/..hidden"));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
