package fazt.platform.service.health;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Ready while a pooled connection to the service's database answers within {@link #TIMEOUT_SECONDS}. */
@Singleton
final class DatabaseReadiness implements ReadinessCheck {
    static final int TIMEOUT_SECONDS = 2;
    private final DataSource dataSource;

    DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Optional<String> problem() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS) ? Optional.empty() : Optional.of("not answering");
        } catch (SQLException e) {
            return Optional.of("unreachable (SQLState " + e.getSQLState() + ")");
        }
    }
}
