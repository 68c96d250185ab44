package fazt.platform.service;

import fazt.platform.nats.NatsCredentials;
import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The few settings a service takes from its environment; everything else lives in the services' tables. They are
 * declared, with their defaults and checks, in {@link PlatformSettings}; a service with a bad or missing one stops at
 * once with a one-line {@link SettingsException} naming the variable.
 *
 * @param natsUrl        {@code NATS_URL}: one or more comma-separated {@code nats://}/{@code tls://} URLs.
 *                       Default {@value #DEFAULT_NATS_URL}.
 * @param dbUrl          {@code FAZT_DB_URL}: a {@code jdbc:postgresql://} URL of the suite's database.
 *                       Default {@value #DEFAULT_DB_URL}.
 * @param dbUser         the login of this service: {@code FAZT_<SERVICE>_DB_USER}, else {@code FAZT_DB_USER},
 *                       else {@code fazt_<service>} (the role that {@code fazt-server provision} creates).
 * @param dbPassword     {@code FAZT_<SERVICE>_DB_PASSWORD}, else {@code FAZT_DB_PASSWORD}, else the service's own
 *                       generated password in {@code FAZT_DB_PASSWORD_DIR/<service>}, else empty.
 * @param root           {@code FAZT_SUBJECT_ROOT}: first token of every subject. Default {@code fazt}.
 * @param domain         {@code FAZT_DOMAIN}: the base domain apps live under. Default {@value #DEFAULT_DOMAIN}.
 * @param httpPort       {@code FAZT_HTTP_PORT}: the gateway's public HTTP port (0: any free port). Default 8080.
 * @param masterKey      {@code FAZT_MASTER_KEY} (or the file named by {@code FAZT_MASTER_KEY_FILE}): at least
 *                       {@value #MIN_MASTER_KEY_LENGTH} characters; secrets at rest are encrypted with keys derived
 *                       from it. Required by the services that seal or open secrets ({@link #DECRYPTING}); the
 *                       others start without it and never read it (null).
 * @param managementHost {@code FAZT_MANAGEMENT_HOST}: address of the management port. Default 127.0.0.1.
 * @param managementPort {@code FAZT_MANAGEMENT_PORT}: base of the management ports; each service listens on
 *                       base + its {@link ManagementPorts offset} (0: any free port). Default 9100.
 * @param instance       {@code FAZT_INSTANCE}: this process's name in logs and {@code $SRV.INFO}. Default host:pid.
 * @param natsSeedFile   this service's NATS nkey seed file ({@code FAZT_<SERVICE>_NATS_SEED_FILE}, else
 *                       {@code FAZT_NATS_SEED_FILE}, else {@code <FAZT_NATS_CREDENTIALS_DIR>/<service>.nk}), or null
 *                       to connect without credentials (ADR 31).
 * @param natsCaFile     {@code FAZT_NATS_CA_FILE}: the CA for {@code tls://} NATS URLs, or null.
 */
public record BootstrapSettings(
        String natsUrl,
        String dbUrl,
        String dbUser,
        String dbPassword,
        SubjectRoot root,
        String domain,
        int httpPort,
        String masterKey,
        String managementHost,
        int managementPort,
        String instance,
        String natsSeedFile,
        String natsCaFile) {
    public static final String DEFAULT_NATS_URL = "nats://127.0.0.1:4222";
    public static final String DEFAULT_DB_URL = "jdbc:postgresql://127.0.0.1:5432/fazt";
    public static final String DEFAULT_DOMAIN = "localhost";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_MANAGEMENT_PORT = 9100;
    public static final int MIN_MASTER_KEY_LENGTH = 32;
    /**
     * The services that seal or open secrets at rest and so need the master key: deploy (env values), auth (app
     * login client secrets), scheduler (webhook secrets), the gateway (certificate keys, ACME account) and mail
     * (relay passwords, DKIM keys, the STARTTLS key the gateway hands over). Storage and runtime never get it.
     */
    public static final Set<ServiceName> DECRYPTING = Collections.unmodifiableSet(EnumSet.of(
            ServiceName.DEPLOY, ServiceName.AUTH, ServiceName.SCHEDULER, ServiceName.GATEWAY, ServiceName.MAIL));

    /** {@code NATS_URL} from {@code env}, checked as {@link #from} checks it, for tools that need nothing else. */
    public static String natsUrlOf(Map<String, String> env) {
        return (String) PlatformSettings.NATS_URL.read(env, null).value();
    }

    /** {@code FAZT_SUBJECT_ROOT} from {@code env}, checked as {@link #from} checks it. */
    public static SubjectRoot rootOf(Map<String, String> env) {
        return (SubjectRoot) PlatformSettings.SUBJECT_ROOT.read(env, null).value();
    }

    /** How {@code service} logs in to the database: URL, role and password, as {@link #from} reads them. */
    public record DatabaseLogin(String url, String user, String password) {
        @Override
        public String toString() {
            return "DatabaseLogin[url=" + url + ", user=" + user + "]"; // never the password
        }
    }

    /** The database login of {@code service} from {@code env}, for tools that need nothing else (no master key). */
    public static DatabaseLogin databaseLoginOf(Map<String, String> env, ServiceName service) {
        BootstrapSettings s = from(env, service, false);
        return new DatabaseLogin(s.dbUrl(), s.dbUser(), s.dbPassword());
    }

    /** Reads and checks the settings of {@code service} from {@code env} (the process environment, or a test's map). */
    public static BootstrapSettings from(Map<String, String> env, ServiceName service) {
        return from(env, service, DECRYPTING.contains(service));
    }

    private static BootstrapSettings from(Map<String, String> env, ServiceName service, boolean withMasterKey) {
        SettingValues values = SettingValues.read(PlatformSettings.bootstrapOf(withMasterKey), env, service);
        String user = (String) values.get(PlatformSettings.DB_USER);
        String password = (String) values.get(PlatformSettings.DB_PASSWORD);
        if (password == null && values.get(PlatformSettings.DB_PASSWORD_DIR) != null) {
            password = generatedDbPassword((String) values.get(PlatformSettings.DB_PASSWORD_DIR), service);
        }
        String instance = (String) values.get(PlatformSettings.INSTANCE);
        return new BootstrapSettings(
                (String) values.get(PlatformSettings.NATS_URL),
                (String) values.get(PlatformSettings.DB_URL),
                user != null ? user : "fazt_" + service.id(),
                password != null ? password : "",
                (SubjectRoot) values.get(PlatformSettings.SUBJECT_ROOT),
                (String) values.get(PlatformSettings.DOMAIN),
                ((Long) values.get(PlatformSettings.HTTP_PORT)).intValue(),
                masterKey(values, withMasterKey),
                (String) values.get(PlatformSettings.MANAGEMENT_HOST),
                ((Long) values.get(PlatformSettings.MANAGEMENT_PORT)).intValue(),
                instance != null ? instance : defaultInstance(),
                natsSeedFile(values, service),
                (String) values.get(PlatformSettings.NATS_CA_FILE));
    }

    /** The seed file of {@code service}: its own setting, else the one in the credentials directory, else none. */
    private static String natsSeedFile(SettingValues values, ServiceName service) {
        String file = (String) values.get(PlatformSettings.NATS_SEED_FILE);
        if (file != null) {
            return file;
        }
        String dir = (String) values.get(PlatformSettings.NATS_CREDENTIALS_DIR);
        return dir == null
                ? null
                : Path.of(dir, NatsCredentials.fileName(service)).toString();
    }

    /** The management port of {@code service}: base + offset, or 0 (any free port) when the base is 0. */
    public int managementPortOf(ServiceName service) {
        return managementPort == 0 ? 0 : managementPort + ManagementPorts.offset(service);
    }

    @Override
    public String toString() {
        // Never print the password or the master key.
        return "BootstrapSettings[nats=" + natsUrl + ", db=" + dbUrl + ", user=" + dbUser + ", root=" + root
                + ", domain=" + domain + ", httpPort=" + httpPort + ", management=" + managementHost + ":"
                + managementPort + ", instance=" + instance + ", natsSeedFile=" + natsSeedFile + "]";
    }

    /**
     * The master key. Only the {@link #DECRYPTING} services have one; asking for it in another is a bug, answered with
     * the same one-line error as a missing key.
     */
    @Override
    public String masterKey() {
        if (masterKey == null) {
            throw missingMasterKey();
        }
        return masterKey;
    }

    /**
     * {@code FAZT_MASTER_KEY}, else the content of the file {@code FAZT_MASTER_KEY_FILE} names; one is required when
     * {@code required}, else the key is not even read (null): a service that does not decrypt never touches it.
     */
    private static String masterKey(SettingValues values, boolean required) {
        if (!required) {
            return null;
        }
        String key = (String) values.get(PlatformSettings.MASTER_KEY);
        if (key != null) {
            return key;
        }
        String file = (String) values.get(PlatformSettings.MASTER_KEY_FILE);
        if (file == null) {
            throw missingMasterKey();
        }
        String content;
        try {
            content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SettingsException(
                    PlatformSettings.MASTER_KEY_FILE.name(),
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return PlatformSettings.masterKey(content);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(PlatformSettings.MASTER_KEY_FILE.name(), e.getMessage());
        }
    }

    /** Where {@code fazt-server provision} keeps the generated database password of {@code service}. */
    public static Path dbPasswordFile(String dir, ServiceName service) {
        return Path.of(dir, service.id());
    }

    private static String generatedDbPassword(String dir, ServiceName service) {
        Path file = dbPasswordFile(dir, service);
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IOException("empty");
            }
            return password;
        } catch (IOException e) {
            throw new SettingsException(
                    PlatformSettings.DB_PASSWORD_DIR.name(),
                    "cannot read " + file + " (" + e.getClass().getSimpleName()
                            + "); run fazt-server provision with the same FAZT_DB_PASSWORD_DIR first");
        }
    }

    private static SettingsException missingMasterKey() {
        return new SettingsException(
                PlatformSettings.MASTER_KEY.name(),
                "is not set; give at least "
                        + MIN_MASTER_KEY_LENGTH + " random characters (e.g. openssl rand -base64 32), or "
                        + PlatformSettings.MASTER_KEY_FILE.name() + " naming a file holding them");
    }

    /** {@code <host name>:<pid>}, the default instance name. */
    public static String defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
