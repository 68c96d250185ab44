package fazt.platform.service.db;

import java.sql.SQLException;

/**
 * A statement or the connection failed: the one unchecked failure {@link Sql} turns every {@link SQLException}
 * into. It keeps the SQLSTATE, so a store can recognise the few failures it answers differently
 * ({@link #is(SqlState)}); its message names the state only, never the statement or its values. Anything else
 * reaches the caller of the endpoint as a 500 whose cause is logged once under an error id.
 */
public final class DataAccessException extends RuntimeException {
    private final String sqlState;

    public DataAccessException(SQLException cause) {
        super("database failure sqlState=" + cause.getSQLState(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** The SQLSTATE PostgreSQL reported, or null when the driver gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether the failure carries {@code state}. */
    public boolean is(SqlState state) {
        return state.is(getCause());
    }

    /** Whether running the same transaction again may succeed (see {@link SqlState#retryable}). */
    public boolean retryable() {
        return SqlState.retryable(getCause());
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
