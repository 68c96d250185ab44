package fazt.cli;

import static fazt.cli.BundlePackerTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeployCommandTest {
    static final String APP =
            "{\"id\":\"a_1\",\"name\":\"blog\",\"host\":\"blog.localhost\",\"version\":1,\"versions\":1,"
                    + "\"files\":2,\"bytes\":17,\"createdAt\":\"2026-01-02T10:00:00Z\",\"updatedAt\":\"2026-01-02T10:00:00Z\"}";
    static final String DEPLOYED = "{\"app\":" + APP + ",\"version\":1,\"files\":2,\"bytes\":17,\"newBlobs\":2}";

    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    Path site;

    @BeforeEach
    void writeSite() throws IOException {
        site = cli.home().resolve("Blog");
        write(site.resolve("index.html"), "<h1>hi</h1>");
        write(site.resolve("css/a.css"), "b{}");
        write(site.resolve("notes.txt"), "private");
        write(site.resolve(".faztignore"), "*.txt\n");
    }

    @Test
    void uploadsTheZippedDirectoryAndPrintsTheLiveUrl() throws IOException {
        cli.server().json("POST /api/apps/blog/deploy", 201, DEPLOYED);
        List<Path> bundlesBefore = bundles();

        CliRun run = cli.run("deploy", site.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("created blog version 1 (2 files, 2 new)\n" + "http://blog.localhost:"
                        + cli.server().port() + "/\n");
        FakeAdminServer.Request request = cli.server().last();
        assertThat(request.method() + " " + request.path()).isEqualTo("POST /api/apps/blog/deploy");
        assertThat(request.header("Content-Type")).isEqualTo("application/zip");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeAdminServer.TOKEN);
        assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(request.body().length));
        assertThat(request.header("Expect")).isEqualToIgnoringCase("100-continue");
        assertThat(BundlePackerTest.entries(new ByteArrayInputStream(request.body())))
                .containsExactly(Map.entry("css/a.css", "b{}"), Map.entry("index.html", "<h1>hi</h1>"));
        // not a terminal: plain progress lines on stderr, and the temporary zip is gone
        assertThat(run.err())
                .startsWith("packed 2 files (14 B, ")
                .contains("uploading blog: 0.0 MB\n")
                .containsPattern("uploading blog: 0\\.0 MB in \\d+\\.\\ds\n");
        assertThat(bundles()).isEqualTo(bundlesBefore);
    }

    @Test
    void envVarsTheManifestDeclaresButNobodySetAreNoted() {
        cli.server()
                .json(
                        "POST /api/apps/blog/deploy",
                        201,
                        DEPLOYED.replaceFirst("\\}$", ",\"missingEnv\":[\"API_KEY\",\"MODE\"]}"));

        CliRun run = cli.run("deploy", site.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err())
                .endsWith("note: fazt.json declares env vars not set yet: API_KEY, MODE; set them with:"
                        + " fazt env set blog KEY=VALUE\n");
    }

    private static List<Path> bundles() throws IOException {
        try (var temps = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temps.filter(p -> p.getFileName().toString().startsWith("fazt-bundle-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theNameComesFromFaztJsonOrTheOption() throws IOException {
        write(site.resolve("fazt.json"), "{\"name\":\"journal\"}");
        cli.server().json("POST /api/apps/journal/deploy", 200, DEPLOYED.replace("blog", "journal"));
        cli.server().json("POST /api/apps/other/deploy", 200, DEPLOYED.replace("blog", "other"));

        assertThat(cli.run("deploy", site.toString()).out()).startsWith("deployed journal version 1");
        assertThat(cli.run("deploy", site.toString(), "--name", "other").out()).startsWith("deployed other");
        assertThat(cli.server().requests)
                .extracting(FakeAdminServer.Request::path)
                .containsExactly("/api/apps/journal/deploy", "/api/apps/other/deploy");
    }

    @Test
    void jsonPrintsTheServersAnswer() {
        cli.server().json("POST /api/apps/blog/deploy", 200, DEPLOYED);

        CliRun run = cli.run("deploy", site.toString(), "--json");

        assertThat(run.out()).isEqualTo(DEPLOYED + "\n");
    }

    @Test
    void aRejectedBundleFailsWithTheProblemOnOneLine() {
        cli.server()
                .problem(
                        "POST /api/apps/blog/deploy",
                        413,
                        "{\"type\":\"https://errors.fazt.dev/deploy/bundle-too-large\","
                                + "\"title\":\"Bundle too large\",\"status\":413,\"detail\":\"Bundles may hold 100 MB at most.\"}");

        CliRun run = cli.run("deploy", site.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).endsWith("\nfazt: Bundles may hold 100 MB at most. (deploy/bundle-too-large)\n");
    }

    @Test
    void anEmptyDirectoryIsNotUploaded() throws IOException {
        Path empty = Files.createDirectories(cli.home().resolve("empty"));

        CliRun run = cli.run("deploy", empty.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("fazt: nothing to deploy: " + empty + " has no files (or .faztignore leaves none)\n");
        assertThat(cli.server().requests).isEmpty();
    }

    @Test
    void aMissingDirectoryIsAFailure() {
        CliRun run = cli.run("deploy", cli.home().resolve("nope").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: " + cli.home().resolve("nope") + " is not a directory\n");
    }
}
