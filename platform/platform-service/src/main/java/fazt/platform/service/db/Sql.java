package fazt.platform.service.db;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one way fazt's stores reach their service's schema: plain JDBC on a pooled connection of the service's own
 * role, with one error policy. Every {@link SQLException}, from the work or from the pool, becomes a
 * {@link DataAccessException} that keeps the SQLSTATE; a transaction is rolled back on any failure (a domain
 * exception too, so a refused request leaves nothing behind) and the failure passes unchanged otherwise.
 *
 * <ul>
 *   <li>{@link #inTransaction}: one transaction at the pool's isolation (PostgreSQL's READ COMMITTED);</li>
 *   <li>{@link #inSnapshot}: a read-only REPEATABLE READ transaction, one snapshot for all its statements;</li>
 *   <li>{@link #inSerializableTransaction}: SERIALIZABLE, run again by {@link SerializationRetry} when PostgreSQL
 *       aborts it to keep it serializable; its work must be safe to run more than once;</li>
 *   <li>{@link #withConnection}: auto-commit, each statement its own transaction;</li>
 *   <li>{@link #list}, {@link #optional}, {@link #one} and {@link #update}: one statement with parameters bound by
 *       {@link #prepare}, in auto-commit.</li>
 * </ul>
 * Handlers run on virtual threads, so blocking here is fine.
 */
@Singleton
public final class Sql {
    /** Work against one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One row to one value; the cursor is on the row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(Work<T> work) {
        return transaction(null, false, work);
    }

    public <T> T inSnapshot(Work<T> work) {
        return transaction(Connection.TRANSACTION_REPEATABLE_READ, true, work);
    }

    public <T> T inSerializableTransaction(Work<T> work) {
        return SerializationRetry.run(() -> transaction(Connection.TRANSACTION_SERIALIZABLE, false, work));
    }

    public <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Every row of {@code sql}, mapped. */
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement s = prepare(c, sql, params);
                    ResultSet r = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (r.next()) {
                    out.add(mapper.map(r));
                }
                return out;
            }
        });
    }

    /** The first row of {@code sql}, mapped; empty when there is none (or it maps to null). */
    public <T> Optional<T> optional(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement s = prepare(c, sql, params);
                    ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(mapper.map(r)) : Optional.empty();
            }
        });
    }

    /** The first row of a statement that always returns one ({@code count(*)}, an upsert's RETURNING), mapped. */
    public <T> T one(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement s = prepare(c, sql, params);
                    ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("the statement returned no row");
                }
                return mapper.map(r);
            }
        });
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement s = prepare(c, sql, params)) {
                return s.executeUpdate();
            }
        });
    }

    /**
     * Prepares {@code sql} with {@code params} bound in order: an {@link Instant} as a timestamp, a {@link List} as
     * a {@code text[]}, anything else (null too) as the driver maps it.
     */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant instant) {
                    s.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (p instanceof List<?> list) {
                    s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A timestamp column as an instant, or null. */
    public static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private <T> T transaction(Integer isolation, boolean readOnly, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            // Hikari restores auto-commit, isolation and read-only when the connection goes back to the pool.
            c.setAutoCommit(false);
            if (isolation != null) {
                c.setTransactionIsolation(isolation);
                c.setReadOnly(readOnly);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
