package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's build on a machine whose JDK is too old (Debian 12's default 17): {@code scripts/build} finds a JDK 21+
 * by itself, and plain Maven stops at once with one line saying what to do instead of failing to compile. Both run on
 * the parent pom only ({@code -N}), offline, so they take seconds.
 */
class QuickStartE2E {
    @Test
    void scriptsBuildFindsASuitableJdkWhenJavaHomeIsTooOld() throws Exception {
        Path old = oldJdk();
        Stack.Result build = Stack.run(
                List.of(Stack.REPO.resolve("scripts/build").toString(), "-o", "-q", "-N"),
                Map.of("JAVA_HOME", old.toString()),
                300);
        assertThat(build.exitCode()).as(build.output()).isZero();
    }

    @Test
    void plainMavenOnATooOldJdkStopsWithOneLineSayingWhatToDo() throws Exception {
        Path old = oldJdk();
        Stack.Result build = Stack.run(
                List.of("mvn", "-B", "-o", "-q", "-N", "package", "-DskipTests"),
                Map.of("JAVA_HOME", old.toString()),
                300);
        assertThat(build.exitCode()).isNotZero();
        assertThat(build.output())
                .contains("fazt needs JDK 21 or newer to build")
                .contains("run scripts/build")
                .doesNotContain("release version 21 not supported");
    }

    /** A JDK older than 21 installed here (Debian 12's default is 17), or the test is skipped. */
    private static Path oldJdk() throws IOException {
        Optional<Path> old;
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            old = jdks.filter(jdk -> !Files.isSymbolicLink(jdk) && Files.isExecutable(jdk.resolve("bin/javac")))
                    .filter(jdk -> release(jdk) < 21)
                    .findFirst();
        } catch (IOException e) {
            old = Optional.empty();
        }
        assumeTrue(old.isPresent(), "no JDK older than 21 under /usr/lib/jvm");
        return old.get();
    }

    private static int release(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK with a release file
        }
        return Integer.MAX_VALUE;
    }
}
