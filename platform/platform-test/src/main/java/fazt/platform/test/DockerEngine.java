package fazt.platform.test;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, decided once per JVM and quickly: without a {@code DOCKER_HOST} and without a
 * socket file there is no engine to ask, so Testcontainers' own (slower) probing is skipped entirely.
 * {@code FAZT_TEST_DOCKER=false} forces the local servers even where Docker runs.
 */
public final class DockerEngine {
    private static volatile Boolean available;

    private DockerEngine() {}

    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
        }
        return known;
    }

    private static boolean probe() {
        if ("false".equalsIgnoreCase(System.getenv("FAZT_TEST_DOCKER"))) {
            return false;
        }
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"));
        if (System.getenv("DOCKER_HOST") == null && !socket) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
