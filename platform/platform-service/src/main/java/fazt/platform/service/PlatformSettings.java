package fazt.platform.service;

import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import fazt.proto.SubjectRoot;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings every fazt service process reads (ADR 23): the bootstrap settings ({@link BootstrapSettings}), the
 * process-wide ones, and the function timeout that the gateway and the runtime share. The checks here are the only
 * place these values are validated.
 */
public final class PlatformSettings {
    static final String EVERY_SERVICE = "every service";
    /** Who reads the master key: {@link BootstrapSettings#DECRYPTING}. */
    static final String DECRYPTING_SERVICES = "gateway, auth, deploy, scheduler, mail";

    public static final Setting NATS_URL = Setting.of(
                    "NATS_URL",
                    SettingType.URL,
                    BootstrapSettings.DEFAULT_NATS_URL,
                    "NATS server(s) with JetStream, comma-separated")
            .parsedBy(PlatformSettings::natsUrl)
            .readBy(EVERY_SERVICE, "fazt-server drop-streams");
    /** ADR 31: the directory of the per-service nkey seeds {@code <service>.nk} that provision writes. */
    public static final Setting NATS_CREDENTIALS_DIR = Setting.of(
                    "FAZT_NATS_CREDENTIALS_DIR",
                    SettingType.STRING,
                    null,
                    "directory of the NATS nkey seeds `<service>.nk` that `fazt-server provision` writes; "
                            + "each service signs in with its own (unset: no NATS credentials)")
            .readBy(EVERY_SERVICE, "fazt-server provision");
    /** ADR 31: one service's seed file, wherever it is mounted (compose gives each service only its own). */
    public static final Setting NATS_SEED_FILE = Setting.of(
                    "FAZT_NATS_SEED_FILE",
                    SettingType.STRING,
                    null,
                    "a file holding this service's NATS nkey seed; `FAZT_<SERVICE>_NATS_SEED_FILE` per service")
            .defaultText("`<FAZT_NATS_CREDENTIALS_DIR>/<service>.nk`")
            .overridablePerService()
            .readBy(EVERY_SERVICE);
    /** ADR 31: the CA of a NATS server reached over {@code tls://}. */
    public static final Setting NATS_CA_FILE = Setting.of(
                    "FAZT_NATS_CA_FILE",
                    SettingType.STRING,
                    null,
                    "PEM file of the CA that signed the NATS server's certificate, for `tls://` URLs")
            .defaultText("the JVM's trust store")
            .readBy(EVERY_SERVICE);

    public static final Setting DB_URL = Setting.of(
                    "FAZT_DB_URL", SettingType.URL, BootstrapSettings.DEFAULT_DB_URL, "the suite's PostgreSQL database")
            .parsedBy(PlatformSettings::dbUrl)
            .readBy(EVERY_SERVICE, "fazt-server provision");
    public static final Setting DB_USER = Setting.of(
                    "FAZT_DB_USER",
                    SettingType.STRING,
                    null,
                    "login of every service; `FAZT_<SERVICE>_DB_USER` sets one service's")
            .defaultText("`fazt_<service>`")
            .parsedBy(PlatformSettings::roleName)
            .overridablePerService()
            .readBy(EVERY_SERVICE);
    public static final Setting DB_PASSWORD = Setting.of(
                    "FAZT_DB_PASSWORD",
                    SettingType.SECRET,
                    null,
                    "one password for those logins (`FAZT_<SERVICE>_DB_PASSWORD` per service); unset: each service's "
                            + "own from `FAZT_DB_PASSWORD_DIR`")
            .defaultText("empty")
            .parsedBy(PlatformSettings::notPlaceholder)
            .overridablePerService()
            .readBy(EVERY_SERVICE, "fazt-server provision");
    /** Where {@code fazt-server provision} writes a generated password per service and the services read theirs. */
    public static final Setting DB_PASSWORD_DIR = Setting.of(
                    "FAZT_DB_PASSWORD_DIR",
                    SettingType.STRING,
                    null,
                    "directory of per-service database passwords: `fazt-server provision` generates one per service "
                            + "(file `<service>`, 0600) and each service reads its own, when `FAZT_DB_PASSWORD` is unset")
            .defaultText("unset (no password)")
            .readBy(EVERY_SERVICE, "fazt-server provision");

    public static final Setting SUBJECT_ROOT = Setting.of(
                    "FAZT_SUBJECT_ROOT",
                    SettingType.STRING,
                    SubjectRoot.DEFAULT,
                    "first token of every NATS subject; lets installs share a NATS cluster")
            .parsedBy(SubjectRoot::new)
            .readBy(EVERY_SERVICE, "fazt-server drop-streams");
    public static final Setting DOMAIN = Setting.of(
                    "FAZT_DOMAIN",
                    SettingType.STRING,
                    BootstrapSettings.DEFAULT_DOMAIN,
                    "base domain: apps at `<name>.<domain>`, admin at `admin.<domain>`")
            .parsedBy(PlatformSettings::domain)
            .readBy(EVERY_SERVICE);
    /** The domain of app and admin mail addresses (ADR 30); unset: {@link #DOMAIN}. */
    public static final Setting MAIL_DOMAIN = Setting.of(
                    "FAZT_MAIL_DOMAIN",
                    SettingType.STRING,
                    null,
                    "domain of the apps' private mail addresses (`<app-id>@<mail domain>`) and admin mailboxes")
            .defaultText("`FAZT_DOMAIN`")
            .parsedBy(PlatformSettings::domain);
    /** The host name mail-svc greets with and the MX record names; its STARTTLS certificate comes from the gateway. */
    public static final Setting SMTP_HOSTNAME = Setting.of(
                    "FAZT_SMTP_HOSTNAME",
                    SettingType.STRING,
                    null,
                    "host name of the SMTP server (greeting, MX record, STARTTLS certificate the gateway orders)")
            .defaultText("`mail.<FAZT_MAIL_DOMAIN>`")
            .parsedBy(PlatformSettings::domain);

    public static final Setting HTTP_PORT = Setting.number(
                    "FAZT_HTTP_PORT",
                    (long) BootstrapSettings.DEFAULT_HTTP_PORT,
                    0,
                    65535L,
                    "the gateway's public HTTP port (0: any free port)")
            .unit("a port number")
            .readBy(EVERY_SERVICE);
    public static final Setting MASTER_KEY = Setting.of(
                    "FAZT_MASTER_KEY",
                    SettingType.SECRET,
                    null,
                    "32+ random characters; keys for secrets at rest derive from it (only the services that decrypt read it)")
            .defaultText("required")
            .parsedBy(PlatformSettings::masterKey)
            .readBy(DECRYPTING_SERVICES);
    public static final Setting MASTER_KEY_FILE = Setting.of(
                    "FAZT_MASTER_KEY_FILE",
                    SettingType.STRING,
                    null,
                    "a file holding the master key, read when `FAZT_MASTER_KEY` is unset (`scripts/stack` and compose create one)")
            .readBy(DECRYPTING_SERVICES, "fazt-server provision");
    public static final Setting MANAGEMENT_HOST = Setting.of(
                    "FAZT_MANAGEMENT_HOST",
                    SettingType.STRING,
                    "127.0.0.1",
                    "address the management ports listen on (`0.0.0.0` in containers)")
            .parsedBy(PlatformSettings::host)
            .readBy(EVERY_SERVICE);
    public static final Setting MANAGEMENT_PORT = Setting.number(
                    "FAZT_MANAGEMENT_PORT",
                    (long) BootstrapSettings.DEFAULT_MANAGEMENT_PORT,
                    0,
                    65535L - ManagementPorts.MAX_OFFSET,
                    "base of the management ports: gateway +0, auth +1, deploy +2, "
                            + "storage +3, runtime +4, scheduler +5, mail +6 (0: any free port)")
            .unit("a port number")
            .readBy(EVERY_SERVICE);
    public static final Setting INSTANCE = Setting.of(
                    "FAZT_INSTANCE", SettingType.STRING, null, "this process's name in logs, metrics and `$SRV.INFO`")
            .defaultText("`<host>:<pid>`")
            .readBy(EVERY_SERVICE);
    /** Seconds without any garbage collection before one runs ({@code IdleHeapRelease}); 0 turns it off. */
    public static final Setting IDLE_GC_SECONDS = Setting.number(
                    "FAZT_IDLE_GC_SECONDS",
                    60L,
                    0,
                    86_400L,
                    "a process with no garbage collection for this long runs one and gives its free heap back (0: off)")
            .unit("seconds")
            .readBy("every process");

    public static final Setting LOG_FORMAT = Setting.of(
                    "FAZT_LOG_FORMAT",
                    SettingType.STRING,
                    "json",
                    "`json` lines, or `text` for a terminal (read by the log encoder before anything else)")
            .parsedBy(v -> oneOf(v, List.of("json", "text")))
            .readBy("every process");
    public static final Setting LOG_LEVEL = Setting.of(
                    "FAZT_LOG_LEVEL", SettingType.STRING, "INFO", "level of fazt's own loggers (logback.xml)")
            .parsedBy(v -> oneOf(v, List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF")))
            .readBy("every process");
    /**
     * The one function timeout (ADR 23): the runtime's wall time for an invocation and, plus a fixed margin, how long
     * the gateway waits for it. The gateway and the runtime each map it to their own property.
     */
    public static final Setting FUNCTION_TIMEOUT = Setting.millis(
                    "FAZT_FUNCTION_TIMEOUT_MS",
                    30_000,
                    100,
                    900_000L,
                    "wall time of a function invocation: the runtime stops it (504) and the gateway waits this plus a second")
            .formerly("RUNTIME_WALL_TIME_MS");

    /** What {@link BootstrapSettings#from} reads for each service. */
    public static final List<Setting> BOOTSTRAP = List.of(
            NATS_URL,
            NATS_CREDENTIALS_DIR,
            NATS_SEED_FILE,
            NATS_CA_FILE,
            DB_URL,
            DB_USER,
            DB_PASSWORD,
            DB_PASSWORD_DIR,
            SUBJECT_ROOT,
            DOMAIN,
            HTTP_PORT,
            MASTER_KEY,
            MASTER_KEY_FILE,
            MANAGEMENT_HOST,
            MANAGEMENT_PORT,
            INSTANCE);
    /** What {@link BootstrapSettings#from} reads: the master key only for a service that decrypts. */
    static List<Setting> bootstrapOf(boolean withMasterKey) {
        if (withMasterKey) {
            return BOOTSTRAP;
        }
        return BOOTSTRAP.stream()
                .filter(s -> s != MASTER_KEY && s != MASTER_KEY_FILE)
                .toList();
    }

    /** What is read once per process, whatever services it runs. */
    public static final List<Setting> PROCESS = List.of(IDLE_GC_SECONDS, LOG_FORMAT, LOG_LEVEL);

    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private PlatformSettings() {}

    static String natsUrl(String value) {
        for (String part : value.split(",")) {
            try {
                URI uri = new URI(part.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.matches("nats|tls|ws|wss") || uri.getHost() == null) {
                    throw new IllegalArgumentException(
                            "expected nats://host:port (or tls://, ws://, wss://), got \"" + redact(part) + "\"");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: \"" + redact(part) + "\"");
            }
        }
        return value;
    }

    static String dbUrl(String value) {
        if (!value.startsWith("jdbc:postgresql://") || value.length() <= "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException(
                    "expected jdbc:postgresql://host:port/database, got \"" + redact(value) + "\"");
        }
        String rest = value.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1 || rest.substring(slash + 1).startsWith("?")) {
            throw new IllegalArgumentException("names no database; expected jdbc:postgresql://host:port/database");
        }
        return value;
    }

    static String roleName(String value) {
        if (!value.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "expected a PostgreSQL role name (letters, digits, _), got \"" + value + "\"");
        }
        return value;
    }

    static String domain(String value) {
        String domain = value.toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || domain.length() > 253) {
            throw new IllegalArgumentException("expected a domain name such as example.com, got \"" + value + "\"");
        }
        for (String label : domain.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(
                        "expected a domain name such as example.com (no scheme, port or path), got \"" + value + "\"");
            }
        }
        return domain;
    }

    static String host(String value) {
        if (!value.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new IllegalArgumentException("expected an IP address or host name, got \"" + value + "\"");
        }
        return value;
    }

    /**
     * A secret as given, unless it is one of the placeholders the compose files once shipped ({@code …change-me…}):
     * those are public, so a server refuses to run with one. The value never appears in the message.
     */
    public static String notPlaceholder(String value) {
        String secret = value.strip();
        if (secret.toLowerCase(Locale.ROOT).contains("change-me")) {
            throw new IllegalArgumentException(
                    "is a change-me placeholder, known to everyone: unset it to use generated "
                            + "secrets (docker compose and fazt-server provision make them), or give a real one");
        }
        return secret;
    }

    /** Checks a master key's length; the key itself never appears in a message. */
    static String masterKey(String value) {
        String key = value.trim();
        if (key.length() < BootstrapSettings.MIN_MASTER_KEY_LENGTH) {
            throw new IllegalArgumentException("is too short (" + key.length() + " characters); give at least "
                    + BootstrapSettings.MIN_MASTER_KEY_LENGTH + " random characters");
        }
        return key;
    }

    /** The word of {@code allowed} that {@code value} is, whatever its case. */
    private static String oneOf(String value, List<String> allowed) {
        return allowed.stream()
                .filter(a -> a.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "expected one of " + String.join(", ", allowed) + ", got \"" + value + "\""));
    }

    /** Drops a password from a URL before it is echoed in an error. */
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }
}
