package fazt.server;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.SettingsException;
import fazt.platform.service.db.DatabaseProvisioner;
import fazt.proto.ServiceName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code fazt-server provision}: prepares what the services expect before their first start, idempotently. Creates
 * the database of {@code FAZT_DB_URL}, a role and schema per service (as {@code FAZT_DB_ADMIN_USER}, default
 * {@code postgres}, with {@code FAZT_DB_ADMIN_PASSWORD}; the roles get {@code FAZT_DB_PASSWORD}), and, when
 * {@code FAZT_MASTER_KEY_FILE} names a file that does not exist yet, writes a new random master key there.
 */
final class Provision {
    private Provision() {}

    static void run(Map<String, String> env) throws SQLException, IOException {
        String keyFile = env.get("FAZT_MASTER_KEY_FILE");
        if ((env.get("FAZT_MASTER_KEY") == null || env.get("FAZT_MASTER_KEY").isBlank())
                && keyFile != null && !keyFile.isBlank() && Files.notExists(Path.of(keyFile))) {
            writeMasterKey(Path.of(keyFile));
        }
        String url = env.getOrDefault("FAZT_DB_URL", BootstrapSettings.DEFAULT_DB_URL);
        if (url.isBlank()) {
            url = BootstrapSettings.DEFAULT_DB_URL;
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new SettingsException("FAZT_DB_URL", "expected jdbc:postgresql://host:port/database");
        }
        String admin = env.getOrDefault("FAZT_DB_ADMIN_USER", "postgres");
        new DatabaseProvisioner(url, admin.isBlank() ? "postgres" : admin, env.getOrDefault("FAZT_DB_ADMIN_PASSWORD", ""))
                .provision(List.of(ServiceName.values()), env.getOrDefault("FAZT_DB_PASSWORD", ""));
    }

    private static void writeMasterKey(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the default permissions.
        }
        System.err.println("fazt: wrote a new master key to " + file + "; back it up, secrets cannot be read without it");
    }
}
