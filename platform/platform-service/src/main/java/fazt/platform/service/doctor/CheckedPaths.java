package fazt.platform.service.doctor;

import java.nio.file.Path;
import java.util.List;

/**
 * Local paths a service needs, which its self-check measures for {@code fazt doctor} (ADR 40): free space and
 * whether the instance can use them. Services declare theirs as beans; the platform adds the temporary directory and
 * the NATS seed file.
 */
public interface CheckedPaths {
    List<CheckedPath> paths();

    /**
     * One path: what it is for, and whether the instance writes there (a directory) or only reads it (a key file).
     */
    record CheckedPath(String purpose, Path path, boolean writes) {}
}
