package fazt.platform.service.db;

import fazt.proto.ServiceName;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a PostgreSQL server for a fazt suite, idempotently: the database, and per service a login role
 * {@code fazt_<service>} that owns a schema named after the service. Services then migrate their own schema with
 * Flyway at start; no role is granted anything in another service's schema.
 *
 * <p>Run by {@code fazt-server provision} (scripts/stack and docker compose do) and by the test harness, with a
 * login that may create databases and roles.
 */
public final class DatabaseProvisioner {
    private static final Logger log = LoggerFactory.getLogger(DatabaseProvisioner.class);

    private final String databaseUrl;
    private final String adminUser;
    private final String adminPassword;

    /**
     * @param databaseUrl   {@code jdbc:postgresql://host:port/database} of the suite's database (created if missing)
     * @param adminUser     a login that may create databases and roles
     * @param adminPassword its password (empty under trust authentication)
     */
    public DatabaseProvisioner(String databaseUrl, String adminUser, String adminPassword) {
        this.databaseUrl = databaseUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** The role a service logs in as unless configured otherwise. */
    public static String roleOf(ServiceName service) {
        return "fazt_" + service.id();
    }

    /**
     * Creates what is missing for {@code services}. {@code rolePassword} becomes the roles' password when not
     * empty (needed wherever PostgreSQL checks passwords, as in docker compose).
     */
    public void provision(Collection<ServiceName> services, String rolePassword) throws SQLException {
        provision(services, service -> rolePassword);
    }

    /** As {@link #provision(Collection, String)}, with each service's role getting its own password (empty: none). */
    public void provision(Collection<ServiceName> services, Function<ServiceName, String> passwordOf)
            throws SQLException {
        createDatabaseIfMissing();
        try (Connection c = DriverManager.getConnection(databaseUrl, adminUser, adminPassword)) {
            for (ServiceName service : services) {
                String role = roleOf(service);
                ensureRole(c, role, passwordOf.apply(service));
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + service.id() + " AUTHORIZATION " + role);
                    s.execute("ALTER SCHEMA " + service.id() + " OWNER TO " + role);
                    s.execute("GRANT CONNECT ON DATABASE " + quoteIdent(databaseName()) + " TO " + role);
                } catch (SQLException e) {
                    if (!SqlState.UNIQUE_VIOLATION.is(e)) {
                        throw e;
                    }
                }
            }
        }
        log.info("database provisioned database={} services={}", databaseName(), services.size());
    }

    private void ensureRole(Connection c, String role, String password) throws SQLException {
        boolean exists;
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, role);
            try (ResultSet r = q.executeQuery()) {
                exists = r.next();
            }
        }
        String passwordClause = password == null || password.isEmpty() ? "" : " PASSWORD " + quoteLiteral(password);
        try (Statement s = c.createStatement()) {
            if (!exists) {
                try {
                    s.execute("CREATE ROLE " + role + " LOGIN" + passwordClause);
                    return;
                } catch (SQLException e) {
                    // Another provisioner (a parallel test run) created it first: fall through to ALTER.
                    if (!SqlState.DUPLICATE_OBJECT.is(e) && !SqlState.UNIQUE_VIOLATION.is(e)) {
                        throw e;
                    }
                }
            }
            if (!passwordClause.isEmpty()) {
                s.execute("ALTER ROLE " + role + " LOGIN" + passwordClause);
            }
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        String maintenanceUrl = databaseUrl.substring(0, databaseUrl.lastIndexOf('/') + 1) + "postgres" + query();
        try (Connection c = DriverManager.getConnection(maintenanceUrl, adminUser, adminPassword)) {
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, databaseName());
                try (ResultSet r = q.executeQuery()) {
                    exists = r.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + quoteIdent(databaseName()));
                    log.info("database created database={}", databaseName());
                } catch (SQLException e) {
                    if (!SqlState.DUPLICATE_DATABASE.is(e)) {
                        throw e;
                    }
                }
            }
        }
    }

    private String databaseName() {
        String path = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private String query() {
        String path = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
        int q = path.indexOf('?');
        return q < 0 ? "" : path.substring(q);
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
