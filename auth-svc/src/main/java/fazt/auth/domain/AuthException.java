package fazt.auth.domain;

import java.time.Duration;

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

    /** Another service this step needs did not answer; nothing was changed. */
    public static final class Unavailable extends AuthException {
        public Unavailable(String message) {
            super(null, message);
        }
    }

    /** Every slot of the password hashing pool is taken; nothing was checked or changed: retry after a moment. */
    public static final class Busy extends AuthException {
        private final Duration retryAfter;

        public Busy(Duration retryAfter) {
            super(null, "Too many logins are being checked right now; try again in a moment.");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The first-run setup link is wrong, used or no longer needed. */
    public static final class SetupUnavailable extends AuthException {
        public SetupUnavailable() {
            super("secret", "This setup link is not valid (already used, replaced by a restart, or an admin exists).");
        }
    }

    /** A step of the login to a hosted app was refused; {@link #reason()} picks the problem. */
    public static final class AppLoginRefused extends AuthException {
        /** Why: the problem type under {@code auth/app-login-...} and its status. */
        public enum Reason {
            /** Unknown, expired, used, foreign or tampered {@code state}, or another browser's login (400). */
            STATE,
            /** The provider sent an error instead of a code (the user declined, ...) (401). */
            DENIED,
            /** The provider refused the code (401). */
            PROVIDER,
            /** The provider could not be reached or answered something not valid, or its secret is unreadable (502). */
            PROVIDER_FAILED,
            /** The ID token failed validation: signature, issuer, audience, expiry or nonce (401). */
            ID_TOKEN,
            /** The user's email is not on the app's allow-list (403). */
            NOT_ALLOWED,
            /** No (valid) app session (401). */
            LOGIN_REQUIRED,
            /** Too many logins started from one client address (429). */
            RATE_LIMITED
        }

        private final Reason reason;

        public AppLoginRefused(Reason reason, String field, String message) {
            super(field, message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
