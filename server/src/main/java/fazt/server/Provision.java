package fazt.server;

import fazt.platform.service.PlatformSettings;
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
        String keyFile =
                (String) PlatformSettings.MASTER_KEY_FILE.read(env, null).value();
        if (!PlatformSettings.MASTER_KEY.read(env, null).fromEnv()
                && keyFile != null
                && Files.notExists(Path.of(keyFile))) {
            writeMasterKey(Path.of(keyFile));
        }
        String url = (String) PlatformSettings.DB_URL.read(env, null).value();
        String admin = (String) ServerSettings.DB_ADMIN_USER.read(env, null).value();
        new DatabaseProvisioner(
                        url,
                        admin,
                        orEmpty(ServerSettings.DB_ADMIN_PASSWORD.read(env, null).value()))
                .provision(
                        List.of(ServiceName.values()),
                        orEmpty(PlatformSettings.DB_PASSWORD.read(env, null).value()));
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : (String) value;
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
        System.err.println(
                "fazt: wrote a new master key to " + file + "; back it up, secrets cannot be read without it");
    }
}
