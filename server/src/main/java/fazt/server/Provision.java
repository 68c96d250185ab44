package fazt.server;

import fazt.platform.nats.NatsCredentials;
import fazt.platform.nats.NatsServerConfig;
import fazt.platform.nats.SecretFile;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.PlatformSettings;
import fazt.platform.service.db.DatabaseProvisioner;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code fazt-server provision}: prepares what the services expect before their first start, idempotently. Creates
 * the database of {@code FAZT_DB_URL}, a role and schema per service (as {@code FAZT_DB_ADMIN_USER}, default
 * {@code postgres}, with {@code FAZT_DB_ADMIN_PASSWORD} or the content of {@code FAZT_DB_ADMIN_PASSWORD_FILE}), and,
 * when {@code FAZT_MASTER_KEY_FILE} names a file that does not exist yet, writes a new random master key there.
 * The roles get {@code FAZT_DB_PASSWORD} when it is set (one password for all, as older installs have); else, with
 * {@code FAZT_DB_PASSWORD_DIR}, each service's role gets its own random password, generated once and kept in
 * {@code <dir>/<service>} (0600), which that service reads; else none (trust authentication, as in development).
 * A change-me placeholder is refused. With {@code FAZT_NATS_CREDENTIALS_DIR} it writes a NATS nkey seed per service
 * there (keeping those that exist, or new ones for all with {@code --rotate-nats}), and with
 * {@code FAZT_NATS_CONFIG_FILE} the nats-server configuration that lets each service do what its role needs and
 * nothing else (ADR 31).
 */
final class Provision {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Provision() {}

    /** The argument that replaces every service's NATS seed. */
    static final String ROTATE_NATS = "--rotate-nats";

    static void run(Map<String, String> env, List<String> args) throws SQLException, IOException {
        for (String arg : args) {
            if (!arg.equals(ROTATE_NATS)) {
                throw new SettingsException("provision", "unknown argument \"" + arg + "\" (only " + ROTATE_NATS + ")");
            }
        }
        provisionNats(env, args.contains(ROTATE_NATS));
        String keyFile =
                (String) PlatformSettings.MASTER_KEY_FILE.read(env, null).value();
        if (!PlatformSettings.MASTER_KEY.read(env, null).fromEnv()
                && keyFile != null
                && Files.notExists(Path.of(keyFile))) {
            writeMasterKey(Path.of(keyFile));
        }
        String url = (String) PlatformSettings.DB_URL.read(env, null).value();
        String admin = (String) ServerSettings.DB_ADMIN_USER.read(env, null).value();
        new DatabaseProvisioner(url, admin, adminPassword(env))
                .provision(List.of(ServiceName.values()), rolePasswords(env));
    }

    /** The seeds, then the configuration naming their public keys (ADR 31). */
    static void provisionNats(Map<String, String> env, boolean rotate) throws IOException {
        String dir =
                (String) PlatformSettings.NATS_CREDENTIALS_DIR.read(env, null).value();
        String config = (String) ServerSettings.NATS_CONFIG_FILE.read(env, null).value();
        if (dir == null) {
            if (config != null || rotate) {
                throw new SettingsException(
                        PlatformSettings.NATS_CREDENTIALS_DIR.name(),
                        "is not set; it names where the NATS seeds go, which the configuration and rotation need");
            }
            return;
        }
        Map<ServiceName, String> keys = NatsCredentials.provision(Path.of(dir), rotate);
        if (config != null) {
            SubjectRoot root = BootstrapSettings.rootOf(env);
            Path file = Path.of(config);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path temp = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(temp, NatsServerConfig.render(root, keys));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.err.println("fazt: wrote the NATS configuration of subject root " + root.value() + " to " + file
                    + (rotate ? " with new seeds; reload nats-server (nats-server --signal reload) and restart" : ""));
        }
    }

    /** {@code FAZT_DB_ADMIN_PASSWORD}, else the content of {@code FAZT_DB_ADMIN_PASSWORD_FILE}, else empty. */
    private static String adminPassword(Map<String, String> env) throws IOException {
        Object given = ServerSettings.DB_ADMIN_PASSWORD.read(env, null).value();
        if (given != null) {
            return (String) given;
        }
        Object file = ServerSettings.DB_ADMIN_PASSWORD_FILE.read(env, null).value();
        if (file == null) {
            return "";
        }
        try {
            return PlatformSettings.notPlaceholder(SecretFile.read(Path.of((String) file)));
        } catch (IOException e) {
            throw new SettingsException(
                    ServerSettings.DB_ADMIN_PASSWORD_FILE.name(),
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new SettingsException(ServerSettings.DB_ADMIN_PASSWORD_FILE.name(), e.getMessage());
        }
    }

    /** Each service role's password: the one given for all or per service, else its generated one, else none. */
    private static Function<ServiceName, String> rolePasswords(Map<String, String> env) throws IOException {
        Map<ServiceName, String> passwords = new EnumMap<>(ServiceName.class);
        String dir = (String) PlatformSettings.DB_PASSWORD_DIR.read(env, null).value();
        for (ServiceName service : ServiceName.values()) {
            String given =
                    (String) PlatformSettings.DB_PASSWORD.read(env, service).value();
            if (given != null) {
                passwords.put(service, given);
            } else if (dir != null) {
                passwords.put(service, generatedPassword(BootstrapSettings.dbPasswordFile(dir, service)));
            } else {
                passwords.put(service, "");
            }
        }
        return passwords::get;
    }

    /** The password kept in {@code file}, made and written (0600) the first time. */
    private static String generatedPassword(Path file) throws IOException {
        if (Files.exists(file)) {
            String kept = SecretFile.read(file);
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        SecretFile.write(file, password);
        return password;
    }

    private static void writeMasterKey(Path file) throws IOException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        SecretFile.write(file, Base64.getEncoder().encodeToString(key));
        System.err.println(
                "fazt: wrote a new master key to " + file + "; back it up, secrets cannot be read without it");
    }
}
