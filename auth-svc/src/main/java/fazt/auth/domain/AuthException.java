package fazt.auth.domain;

/** The expected failures of auth-svc, each mapped to one problem type in {@code api/ProblemMapper}. */
public abstract sealed class AuthException extends RuntimeException {
    private final String field;

    AuthException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** Wrong username or password, unknown or disabled account, or a lockout: deliberately one message for all. */
    public static final class LoginFailed extends AuthException {
        public LoginFailed() {
            super(null, "Invalid username or password, or too many attempts; try again later.");
        }
    }

    public static final class InvalidInput extends AuthException {
        public InvalidInput(String field, String message) {
            super(field, message);
        }
    }

    public static final class NotAllowed extends AuthException {
        public NotAllowed(String needed) {
            super(null, "This needs the " + needed + " scope.");
        }
    }

    public static final class NotFound extends AuthException {
        public NotFound(String what) {
            super(null, what + " does not exist.");
        }
    }

    public static final class Conflict extends AuthException {
        public Conflict(String field, String message) {
            super(field, message);
        }
    }

    /** The first-run setup link is wrong, used or no longer needed. */
    public static final class SetupUnavailable extends AuthException {
        public SetupUnavailable() {
            super("secret", "This setup link is not valid (already used, replaced by a restart, or an admin exists).");
        }
    }
}
