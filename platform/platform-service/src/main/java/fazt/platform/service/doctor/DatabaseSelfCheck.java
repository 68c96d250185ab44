package fazt.platform.service.doctor;

import fazt.proto.doctor.SelfCheckReport.DatabaseProbe;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The self-check's database part: one query on the service's own pool, bounded by {@link #TIMEOUT_SECONDS}, giving
 * PostgreSQL's version, the database's size (blobs included when they are kept in PostgreSQL) and the round trip.
 */
@Singleton
final class DatabaseSelfCheck {
    static final int TIMEOUT_SECONDS = 2;
    private final DataSource dataSource;

    DatabaseSelfCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DatabaseProbe probe() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet row = statement.executeQuery(
                    "SELECT current_setting('server_version'), pg_database_size(current_database())")) {
                row.next();
                long roundTrip = (System.nanoTime() - started) / 1_000_000;
                return new DatabaseProbe(true, row.getString(1), row.getLong(2), roundTrip, null);
            }
        } catch (SQLException e) {
            return new DatabaseProbe(false, null, null, null, "unreachable (SQLState " + e.getSQLState() + ")");
        }
    }
}
