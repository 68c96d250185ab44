package fazt.server.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fazt-server release check|fetch|images} against release directories signed by the real minisign: a good
 * release is fetched whole into its versioned directory; a bad hash, a wrong size, another key or a changed manifest
 * is refused with one line, and leaves no release directory behind.
 */
class ReleaseCommandTest {
    @TempDir
    Path dir;

    Path keys;
    Path pinned;
    Path releases;

    @BeforeEach
    void keys() throws Exception {
        keys = Files.createDirectories(dir.resolve("keys"));
        pinned = MinisignTool.generate(keys, "release");
        MinisignTool.generate(keys, "stranger");
        releases = dir.resolve("releases");
    }

    @Test
    void fetchesAVerifiedReleaseIntoItsVersionedDirectory() throws Exception {
        Path a =
                release("1.0.0", Map.of("bin/fazt-server", "launcher A", "server/fazt-server.jar", "jar A"), "release");
        Path b =
                release("1.1.0", Map.of("bin/fazt-server", "launcher A", "server/fazt-server.jar", "jar B"), "release");
        Result fetchedA =
                run("fetch", "--from", a.toString(), "--key", pinned.toString(), "--into", releases.toString());
        assertThat(fetchedA.status()).as(fetchedA.err()).isZero();
        Path installed = releases.resolve("1.0.0");
        assertThat(fetchedA.out().strip()).isEqualTo(installed.toString());
        assertThat(Files.readString(installed.resolve("server/fazt-server.jar")))
                .isEqualTo("jar A");
        assertThat(Files.isExecutable(installed.resolve("bin/fazt-server"))).isTrue();
        assertThat(installed.resolve("release.json.minisig")).exists();

        Result check =
                run("check", "--from", b.toString(), "--key", pinned.toString(), "--current", installed.toString());
        assertThat(check.status()).as(check.err()).isZero();
        assertThat(check.out())
                .contains("current:   1.0.0")
                .contains("available: 1.1.0")
                .contains("signature good: fazt 1.1.0")
                .contains("1 of 3 files differ: server/fazt-server.jar");

        Result fetchedB = run(
                "fetch",
                "--from",
                b.toString(),
                "--key",
                pinned.toString(),
                "--into",
                releases.toString(),
                "--current",
                installed.toString());
        assertThat(fetchedB.status()).as(fetchedB.err()).isZero();
        assertThat(fetchedB.err()).contains("2 unchanged from the installed release");
        assertThat(Files.readString(releases.resolve("1.1.0/server/fazt-server.jar")))
                .isEqualTo("jar B");
    }

    @Test
    void refusesABadHashAnotherKeyAndAChangedManifestLeavingNothingBehind() throws Exception {
        Path tampered = release("2.0.0", Map.of("server/fazt-server.jar", "jar"), "release");
        Files.writeString(tampered.resolve("server/fazt-server.jar"), "jaR"); // same size, other bytes
        Result badHash =
                run("fetch", "--from", tampered.toString(), "--key", pinned.toString(), "--into", releases.toString());
        assertThat(badHash.status()).isEqualTo(1);
        assertThat(badHash.err())
                .startsWith("fazt: server/fazt-server.jar has SHA-256 ")
                .contains("refused");

        Files.writeString(tampered.resolve("server/fazt-server.jar"), "jarjar");
        assertThat(run(
                                "fetch",
                                "--from",
                                tampered.toString(),
                                "--key",
                                pinned.toString(),
                                "--into",
                                releases.toString())
                        .err())
                .contains("larger than the 3 bytes release.json says");

        Path stranger = release("2.0.1", Map.of("server/fazt-server.jar", "jar"), "stranger");
        Result wrongKey = run("check", "--from", stranger.toString(), "--key", pinned.toString());
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("not by the pinned key");

        Path edited = release("2.0.2", Map.of("server/fazt-server.jar", "jar"), "release");
        String json = Files.readString(edited.resolve("release.json"));
        Files.writeString(edited.resolve("release.json"), json.replace("2.0.2", "2.0.3"));
        Result changed =
                run("fetch", "--from", edited.toString(), "--key", pinned.toString(), "--into", releases.toString());
        assertThat(changed.err()).contains("release.json does not match its signature");

        assertThat(releases).satisfiesAnyOf(r -> assertThat(r).doesNotExist(), r -> assertThat(r)
                .isEmptyDirectory());
    }

    @Test
    void printsTheComposeImagesOnlyWhenVerified() throws Exception {
        Path release = Files.createDirectories(dir.resolve("compose"));
        String digest = "a".repeat(64);
        Files.writeString(release.resolve("release.json"), """
                {"version":"3.0.0","created":"2026-12-01T00:00:00Z","compose":{"images":[
                {"service":"gateway","image":"ghcr.io/fazt/fazt@sha256:%s"}]}}
                """.formatted(digest));
        MinisignTool.sign(keys, "release", release.resolve("release.json"), "fazt 3.0.0", false);
        Result images = run("images", "--from", release.toString(), "--key", pinned.toString());
        assertThat(images.status()).as(images.err()).isZero();
        assertThat(images.out()).isEqualTo("version 3.0.0\ngateway ghcr.io/fazt/fazt@sha256:" + digest + "\n");

        Files.writeString(release.resolve("release.json"), """
                {"version":"3.0.1","created":"2026-12-01T00:00:00Z","compose":{"images":[
                {"service":"gateway","image":"ghcr.io/fazt/fazt:latest"}]}}
                """);
        MinisignTool.sign(keys, "release", release.resolve("release.json"), "fazt 3.0.1", false);
        assertThat(run("images", "--from", release.toString(), "--key", pinned.toString())
                        .err())
                .contains("image must be pinned by digest");
    }

    /** A release directory with these files plus release.pub, its release.json signed by {@code key}. */
    private Path release(String version, Map<String, String> files, String key) throws Exception {
        Path release = Files.createDirectories(dir.resolve("src-" + version));
        Map<String, String> all = new TreeMap<>(files);
        all.put("release.pub", Files.readString(pinned));
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, String> f : all.entrySet()) {
            Path path = release.resolve(f.getKey());
            Files.createDirectories(path.getParent());
            byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
            Files.write(path, bytes);
            entries.add("{\"path\":\"%s\",\"size\":%d,\"sha256\":\"%s\"}"
                    .formatted(f.getKey(), bytes.length, sha256(bytes)));
        }
        Files.writeString(
                release.resolve("release.json"),
                "{\"version\":\"%s\",\"created\":\"2026-12-01T00:00:00Z\",\"jar\":{\"files\":[%s]}}\n"
                        .formatted(version, String.join(",", entries)));
        MinisignTool.sign(keys, key, release.resolve("release.json"), "fazt " + version, false);
        return release;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    record Result(int status, String out, String err) {}

    private static Result run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReleaseCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
