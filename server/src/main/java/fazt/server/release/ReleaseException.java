package fazt.server.release;

/** A release that must not be installed, or one that cannot be read: the message is the one line the user sees. */
public final class ReleaseException extends Exception {
    public ReleaseException(String message) {
        super(message);
    }

    public ReleaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
