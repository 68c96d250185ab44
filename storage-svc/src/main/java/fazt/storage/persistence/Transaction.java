package fazt.storage.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: commits when it returns, rolls back when it throws (a domain exception too,
 * so a refused request leaves nothing behind). Handlers run on virtual threads, so blocking here is fine.
 */
final class Transaction {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transaction() {}

    static <T> T run(DataSource dataSource, Work<T> work) {
        return run(dataSource, Connection.TRANSACTION_READ_COMMITTED, false, work);
    }

    /** A read-only transaction that sees one snapshot for all its statements. */
    static <T> T snapshot(DataSource dataSource, Work<T> work) {
        return run(dataSource, Connection.TRANSACTION_REPEATABLE_READ, true, work);
    }

    private static <T> T run(DataSource dataSource, int isolation, boolean readOnly, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            // Hikari restores auto-commit, isolation and read-only when the connection goes back to the pool.
            c.setAutoCommit(false);
            c.setTransactionIsolation(isolation);
            c.setReadOnly(readOnly);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    /** The database failed; the request becomes a 500 whose cause is logged once under an error id. */
    static final class DatabaseFailure extends RuntimeException {
        DatabaseFailure(SQLException cause) {
            super("database failure sqlState=" + cause.getSQLState(), cause);
        }
    }
}
