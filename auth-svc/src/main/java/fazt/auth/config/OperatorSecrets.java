package fazt.auth.config;

import fazt.platform.nats.SecretFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a generated secret (the bootstrap admin token, the first-admin setup link) to the operator without putting it
 * in the log: it goes to standard error once and, when {@code FAZT_AUTH_SECRETS_DIR} is set, to a file there that only
 * its owner can read. The log says only that it was handed over, and where.
 */
public final class OperatorSecrets {
    private static final Logger log = LoggerFactory.getLogger(OperatorSecrets.class);

    /** File names under {@code FAZT_AUTH_SECRETS_DIR}. */
    public static final String ADMIN_TOKEN = "admin-token", SETUP_LINK = "setup-link";

    private OperatorSecrets() {}

    /**
     * Writes {@code value} to {@code <dir>/<file>} (0600) when {@code dir} is set and prints {@code label: value} to
     * standard error; returns the file written, if any.
     */
    public static Optional<Path> hand(String dir, String file, String label, String value) {
        Optional<Path> written = Optional.empty();
        if (dir != null && !dir.isBlank()) {
            Path path = Path.of(dir, file);
            try {
                SecretFile.write(path, value);
                written = Optional.of(path);
            } catch (IOException e) {
                log.warn(
                        "could not write the {} file path={} reason={}",
                        file,
                        path,
                        e.getClass().getSimpleName());
            }
        }
        System.err.println("fazt: " + label + ": " + value
                + written.map(p -> " (also in " + p + ", readable only by its owner)")
                        .orElse(""));
        System.err.flush();
        return written;
    }

    /** Where the log says a secret went. */
    static String where(Optional<Path> written) {
        return written.map(p -> "stderr and " + p).orElse("stderr");
    }
}
