package fazt.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for one test run. With Docker: a Testcontainers PostgreSQL 15 shared by the JVM.
 * Without: the local server ({@code FAZT_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres}
 * as user {@code postgres}), in a database named {@code fazt_test_<random>} that {@link #close()} drops.
 */
public final class TestPostgres implements AutoCloseable {
    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static PostgreSQLContainer container;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String database;

    private TestPostgres(String adminUrl, String user, String password, String database) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** Creates an empty database of its own for the caller. */
    public static TestPostgres fresh() {
        String adminUrl;
        String user;
        String password;
        if (DockerEngine.available()) {
            PostgreSQLContainer pg = shared();
            adminUrl = pg.getJdbcUrl();
            user = pg.getUsername();
            password = pg.getPassword();
        } else {
            adminUrl = env("FAZT_TEST_PG_URL", LOCAL_ADMIN_URL);
            user = env("FAZT_TEST_PG_USER", "postgres");
            password = env("FAZT_TEST_PG_PASSWORD", "");
        }
        String database =
                "fazt_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestPostgres pg = new TestPostgres(adminUrl, user, password, database);
        pg.execute("CREATE DATABASE " + database);
        return pg;
    }

    private static synchronized PostgreSQLContainer shared() {
        if (container == null) {
            container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
        }
        return container;
    }

    /** JDBC URL of this run's database. */
    public String url() {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    /** A login that may create roles and schemas (the server's superuser). */
    public String adminUser() {
        return user;
    }

    public String adminPassword() {
        return password;
    }

    public String database() {
        return database;
    }

    /** Opens a connection to this run's database as the admin user. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + adminUrl + ": " + e.getMessage() + " (is it running? .ci/run starts it)", e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + database.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
