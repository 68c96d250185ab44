package fazt.platform.service.db;

import java.sql.SQLException;

/**
 * The PostgreSQL error codes fazt's code reacts to, each a predicate over a failure, so no store compares SQLState
 * strings of its own. Codes are from PostgreSQL's appendix "Error Codes".
 */
public enum SqlState {
    /** A unique or primary-key constraint refused the row. */
    UNIQUE_VIOLATION("23505"),
    /** Under SERIALIZABLE (or REPEATABLE READ with writes) the transaction could not be ordered; run it again. */
    SERIALIZATION_FAILURE("40001"),
    /** Two transactions waited on each other's locks; PostgreSQL aborted this one. */
    DEADLOCK_DETECTED("40P01"),
    /** jsonb cannot store the escape {@code \u0000}. */
    UNSUPPORTED_UNICODE_ESCAPE("22P05"),
    /** A role (or other object) of that name exists. */
    DUPLICATE_OBJECT("42710"),
    /** A database of that name exists. */
    DUPLICATE_DATABASE("42P04");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    /** The five-character SQLSTATE. */
    public String code() {
        return code;
    }

    /** Whether {@code failure} carries this state. */
    public boolean is(SQLException failure) {
        return failure != null && code.equals(failure.getSQLState());
    }

    /** Whether running the same transaction again may succeed: a serialization failure or a deadlock. */
    public static boolean retryable(SQLException failure) {
        return SERIALIZATION_FAILURE.is(failure) || DEADLOCK_DETECTED.is(failure);
    }
}
