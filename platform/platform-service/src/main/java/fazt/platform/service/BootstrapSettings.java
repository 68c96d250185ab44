package fazt.platform.service;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The few settings a service takes from its environment; everything else lives in the services' tables. Parsing
 * checks every value, so a service with a bad or missing one stops at once with a one-line
 * {@link SettingsException} naming the variable.
 *
 * @param natsUrl        {@code NATS_URL}: one or more comma-separated {@code nats://}/{@code tls://} URLs.
 *                       Default {@value #DEFAULT_NATS_URL}.
 * @param dbUrl          {@code FAZT_DB_URL}: a {@code jdbc:postgresql://} URL of the suite's database.
 *                       Default {@value #DEFAULT_DB_URL}.
 * @param dbUser         the login of this service: {@code FAZT_<SERVICE>_DB_USER}, else {@code FAZT_DB_USER},
 *                       else {@code fazt_<service>} (the role that {@code fazt-server provision} creates).
 * @param dbPassword     {@code FAZT_<SERVICE>_DB_PASSWORD}, else {@code FAZT_DB_PASSWORD}, else empty.
 * @param root           {@code FAZT_SUBJECT_ROOT}: first token of every subject. Default {@code fazt}.
 * @param domain         {@code FAZT_DOMAIN}: the base domain apps live under. Default {@value #DEFAULT_DOMAIN}.
 * @param httpPort       {@code FAZT_HTTP_PORT}: the gateway's public HTTP port (0: any free port). Default 8080.
 * @param masterKey      {@code FAZT_MASTER_KEY} (or the file named by {@code FAZT_MASTER_KEY_FILE}): at least
 *                       {@value #MIN_MASTER_KEY_LENGTH} characters; secrets at rest are encrypted with keys derived
 *                       from it. Required.
 * @param managementHost {@code FAZT_MANAGEMENT_HOST}: address of the management port. Default 127.0.0.1.
 * @param managementPort {@code FAZT_MANAGEMENT_PORT}: base of the management ports; each service listens on
 *                       base + its {@link ManagementPorts offset} (0: any free port). Default 9100.
 * @param instance       {@code FAZT_INSTANCE}: this process's name in logs and {@code $SRV.INFO}. Default host:pid.
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
        String instance) {
    public static final String DEFAULT_NATS_URL = "nats://127.0.0.1:4222";
    public static final String DEFAULT_DB_URL = "jdbc:postgresql://127.0.0.1:5432/fazt";
    public static final String DEFAULT_DOMAIN = "localhost";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_MANAGEMENT_PORT = 9100;
    public static final int MIN_MASTER_KEY_LENGTH = 32;

    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** {@code NATS_URL} from {@code env}, checked as {@link #from} checks it, for tools that need nothing else. */
    public static String natsUrlOf(Map<String, String> env) {
        return natsUrl(get(env, "NATS_URL", DEFAULT_NATS_URL));
    }

    /** {@code FAZT_SUBJECT_ROOT} from {@code env}, checked as {@link #from} checks it. */
    public static SubjectRoot rootOf(Map<String, String> env) {
        return root(get(env, "FAZT_SUBJECT_ROOT", SubjectRoot.DEFAULT));
    }

    /** Reads and checks the settings of {@code service} from {@code env} (the process environment, or a test's map). */
    public static BootstrapSettings from(Map<String, String> env, ServiceName service) {
        String prefix = "FAZT_" + service.id().toUpperCase(Locale.ROOT) + "_";
        return new BootstrapSettings(
                natsUrl(get(env, "NATS_URL", DEFAULT_NATS_URL)),
                dbUrl(get(env, "FAZT_DB_URL", DEFAULT_DB_URL)),
                dbUser(env, prefix, service),
                firstSet(env, prefix + "DB_PASSWORD", "FAZT_DB_PASSWORD", ""),
                root(get(env, "FAZT_SUBJECT_ROOT", SubjectRoot.DEFAULT)),
                domain(get(env, "FAZT_DOMAIN", DEFAULT_DOMAIN)),
                port("FAZT_HTTP_PORT", get(env, "FAZT_HTTP_PORT", Integer.toString(DEFAULT_HTTP_PORT))),
                masterKey(env),
                host("FAZT_MANAGEMENT_HOST", get(env, "FAZT_MANAGEMENT_HOST", "127.0.0.1")),
                managementPort(get(env, "FAZT_MANAGEMENT_PORT", Integer.toString(DEFAULT_MANAGEMENT_PORT))),
                get(env, "FAZT_INSTANCE", defaultInstance()));
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
                + managementPort + ", instance=" + instance + "]";
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String firstSet(Map<String, String> env, String first, String second, String fallback) {
        String value = env.get(first);
        if (value != null && !value.isBlank()) {
            return value;
        }
        return get(env, second, fallback);
    }

    static String natsUrl(String value) {
        for (String part : value.split(",")) {
            try {
                URI uri = new URI(part.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.matches("nats|tls|ws|wss") || uri.getHost() == null) {
                    throw new SettingsException("NATS_URL",
                            "expected nats://host:port (or tls://, ws://, wss://), got \"" + redact(part) + "\"");
                }
            } catch (URISyntaxException e) {
                throw new SettingsException("NATS_URL", "not a URL: \"" + redact(part) + "\"");
            }
        }
        return value;
    }

    static String dbUrl(String value) {
        if (!value.startsWith("jdbc:postgresql://") || value.length() <= "jdbc:postgresql://".length()) {
            throw new SettingsException("FAZT_DB_URL",
                    "expected jdbc:postgresql://host:port/database, got \"" + redact(value) + "\"");
        }
        String rest = value.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1 || rest.substring(slash + 1).startsWith("?")) {
            throw new SettingsException("FAZT_DB_URL", "names no database; expected jdbc:postgresql://host:port/database");
        }
        return value;
    }

    private static String dbUser(Map<String, String> env, String prefix, ServiceName service) {
        String user = firstSet(env, prefix + "DB_USER", "FAZT_DB_USER", "fazt_" + service.id());
        if (!user.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            String variable = env.containsKey(prefix + "DB_USER") ? prefix + "DB_USER" : "FAZT_DB_USER";
            throw new SettingsException(variable, "expected a PostgreSQL role name (letters, digits, _), got \"" + user + "\"");
        }
        return user;
    }

    private static SubjectRoot root(String value) {
        try {
            return new SubjectRoot(value);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("FAZT_SUBJECT_ROOT", e.getMessage());
        }
    }

    static String domain(String value) {
        String domain = value.toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || domain.length() > 253) {
            throw new SettingsException("FAZT_DOMAIN", "expected a domain name such as example.com, got \"" + value + "\"");
        }
        for (String label : domain.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw new SettingsException("FAZT_DOMAIN",
                        "expected a domain name such as example.com (no scheme, port or path), got \"" + value + "\"");
            }
        }
        return domain;
    }

    static int port(String variable, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new SettingsException(variable, "expected a port number 0-65535, got \"" + value + "\"");
        }
    }

    private static int managementPort(String value) {
        int base = port("FAZT_MANAGEMENT_PORT", value);
        if (base != 0 && base + ManagementPorts.MAX_OFFSET > 65535) {
            throw new SettingsException("FAZT_MANAGEMENT_PORT",
                    "base port " + base + " leaves no room for the " + (ManagementPorts.MAX_OFFSET + 1) + " service ports");
        }
        return base;
    }

    private static String host(String variable, String value) {
        if (!value.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new SettingsException(variable, "expected an IP address or host name, got \"" + value + "\"");
        }
        return value;
    }

    private static String masterKey(Map<String, String> env) {
        String key = env.get("FAZT_MASTER_KEY");
        String variable = "FAZT_MASTER_KEY";
        String file = env.get("FAZT_MASTER_KEY_FILE");
        if ((key == null || key.isBlank()) && file != null && !file.isBlank()) {
            variable = "FAZT_MASTER_KEY_FILE";
            try {
                key = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new SettingsException(variable, "cannot read " + file.trim() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (key == null || key.isBlank()) {
            throw new SettingsException("FAZT_MASTER_KEY", "is not set; give at least " + MIN_MASTER_KEY_LENGTH
                    + " random characters (e.g. openssl rand -base64 32), or FAZT_MASTER_KEY_FILE naming a file holding them");
        }
        if (key.trim().length() < MIN_MASTER_KEY_LENGTH) {
            throw new SettingsException(variable, "is too short (" + key.trim().length() + " characters); give at least "
                    + MIN_MASTER_KEY_LENGTH + " random characters");
        }
        return key.trim();
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

    /** Drops a password from a URL before it is echoed in an error. */
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }
}
