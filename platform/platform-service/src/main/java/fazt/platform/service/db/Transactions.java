package fazt.platform.service.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a pooled connection of a service's own schema: as is ({@link #query}) or in one transaction,
 * rolled back on any failure. A failing SQL statement becomes an {@link IllegalStateException} naming the service's
 * database and the SQL state, never the statement or its values.
 */
public final class Transactions {
    /** Work against one connection. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final String database;

    /** {@code database} names the owner in error messages, e.g. {@code deploy}. */
    public Transactions(DataSource dataSource, String database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    public <T> T query(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public <T> T transaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private IllegalStateException failure(SQLException e) {
        return new IllegalStateException(database + " database: " + e.getSQLState(), e);
    }
}
