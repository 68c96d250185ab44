package fazt.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started the way every service starts ({@code bin/fazt-server run}, which the Dockerfile's entrypoint,
 * scripts/stack and the e2e stacks all use) exits when a thread of it runs out of memory, instead of living on with
 * that thread dead (ADR 0035).
 */
class ExitOnOutOfMemoryIT {
    private static final Path LAUNCHER =
            Path.of("..", "bin", "fazt-server").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aServiceJvmWhoseThreadRunsOutOfMemoryExits() throws Exception {
        Path jar = standInJar();
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().put("FAZT_SERVER_JAR", jar.toString());
        builder.environment().put("FAZT_TARGETS", "scheduler");
        builder.environment().put("FAZT_HEAP", "32m");
        builder.environment().put("FAZT_HOME", dir.toString());
        builder.environment().put("FAZT_CDS_DIR", dir.resolve("cds").toString());
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(dir.resolve("out.log"));
        assertThat(exited)
                .as("the JVM exits after an OutOfMemoryError; output:%n%s", output)
                .isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output)
                .contains("Terminating due to java.lang.OutOfMemoryError")
                .doesNotContain("main thread still up");
    }

    /** A jar whose main class is {@link AllocateUntilOutOfMemory}, in place of the server's jar. */
    private Path standInJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, AllocateUntilOutOfMemory.class.getName());
        String entry = AllocateUntilOutOfMemory.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("stand-in.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = AllocateUntilOutOfMemory.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }
}
