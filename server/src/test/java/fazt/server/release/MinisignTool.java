package fazt.server.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real minisign (Debian's package, installed by .ci/run): keys and signatures the tests verify. */
final class MinisignTool {
    static final Path BINARY = Path.of("/usr/bin/minisign");

    private MinisignTool() {}

    /** A key pair without a password: {@code dir/<name>.pub} and {@code dir/<name>.key}. */
    static Path generate(Path dir, String name) throws IOException, InterruptedException {
        run(
                BINARY.toString(),
                "-G",
                "-W",
                "-p",
                dir.resolve(name + ".pub").toString(),
                "-s",
                dir.resolve(name + ".key").toString());
        return dir.resolve(name + ".pub");
    }

    /** Signs {@code file} into {@code file.minisig}; {@code legacy} signs the file itself instead of its hash. */
    static void sign(Path dir, String name, Path file, String trusted, boolean legacy)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "-S",
                "-s",
                dir.resolve(name + ".key").toString(),
                "-m",
                file.toString(),
                "-t",
                trusted));
        if (legacy) {
            command.add("-l");
        }
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("these tests need minisign: apt-get install minisign (.ci/run does)");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
