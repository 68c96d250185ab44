package fazt.runtime.web;

/**
 * An outbound fetch that failed or was refused. The message is safe to show to the app: it becomes the message of
 * the {@code TypeError} its {@code fetch} promise rejects with (for example {@code fetch to 127.0.0.1 refused:
 * loopback address}).
 */
public final class FetchException extends Exception {
    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
