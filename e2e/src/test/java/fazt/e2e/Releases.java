package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Signed fazt releases made by a test: keys from the real minisign ({@code minisign -G}), release directories from
 * this checkout's build by {@code scripts/release}, and a release re-signed after the test changed a file of it.
 */
final class Releases {
    final Path dir;
    final Path publicKey;
    final Path secretKey;

    private Releases(Path dir) {
        this.dir = dir;
        this.publicKey = dir.resolve("release.pub");
        this.secretKey = dir.resolve("release.key");
    }

    /** A key pair (no password) in a new temporary directory. */
    static Releases withNewKey(String name) throws Exception {
        Releases releases = new Releases(Files.createTempDirectory("fazt-releases-" + name + "-"));
        minisign("-G", "-W", "-p", releases.publicKey.toString(), "-s", releases.secretKey.toString());
        return releases;
    }

    /** {@code scripts/release --version version}: this build, signed by this key, as {@code dir/version}. */
    Path build(String version) throws Exception {
        Path out = dir.resolve(version);
        Stack.Result made = Stack.run(
                List.of(
                        Stack.REPO.resolve("scripts/release").toString(),
                        "--version",
                        version,
                        "--key",
                        secretKey.toString(),
                        "--pub",
                        publicKey.toString(),
                        "--out",
                        out.toString()),
                Map.of(),
                120);
        assertThat(made.exitCode()).as(made.output()).isZero();
        return out;
    }

    /** A copy of {@code release} as {@code version}, with release.json written anew for its files and signed. */
    Path copyAs(Path release, String version) throws Exception {
        Path out = dir.resolve(version);
        Stack.run(List.of("cp", "-a", release.toString(), out.toString()), Map.of(), 60);
        resign(out, version);
        return out;
    }

    /** Writes {@code release}'s release.json for the files it holds now, as {@code version}, and signs it. */
    void resign(Path release, String version) throws Exception {
        List<String> entries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(release)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("release.json"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            entries.add("{\"path\":\"%s\",\"size\":%d,\"sha256\":\"%s\"}"
                    .formatted(release.relativize(f).toString(), bytes.length, sha));
        }
        Files.writeString(
                release.resolve("release.json"),
                "{\"version\":\"%s\",\"created\":\"2026-12-01T00:00:00Z\",\"jar\":{\"files\":[%s]}}\n"
                        .formatted(version, String.join(",\n", entries)));
        Files.deleteIfExists(release.resolve("release.json.minisig"));
        minisign(
                "-S",
                "-s",
                secretKey.toString(),
                "-m",
                release.resolve("release.json").toString(),
                "-t",
                "fazt " + version);
    }

    private static void minisign(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/minisign"));
        command.addAll(List.of(args));
        if (!Files.isExecutable(Path.of("/usr/bin/minisign"))) {
            throw new IOException("this test needs minisign: apt-get install minisign (.ci/run does)");
        }
        Stack.Result result = Stack.run(command, Map.of(), 60);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
