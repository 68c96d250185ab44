package fazt.mail.outbound;

/**
 * Why sending or the outbound admin API refused: one case per answer, mapped to a problem in one place
 * ({@code fazt.mail.api.OutboundProblems}). {@link #field()} names the offending field, or null.
 */
public abstract sealed class OutboundException extends RuntimeException {
    private final String field;

    private OutboundException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** 400 {@code mail/invalid-message}: the message to send is wrong in {@code field}. */
    public static final class InvalidMessage extends OutboundException {
        public InvalidMessage(String field, String message) {
            super(field, message);
        }
    }

    /** 400 {@code mail/invalid-request}: a query parameter or a relay setting is wrong. */
    public static final class InvalidRequest extends OutboundException {
        public InvalidRequest(String field, String message) {
            super(field, message);
        }
    }

    /** 429 {@code mail/rate-limited}: the app sent its hourly share; it may send again after {@code retryAfter}. */
    public static final class RateLimited extends OutboundException {
        private final long retryAfterSeconds;

        public RateLimited(long retryAfterSeconds, int perHour) {
            super(
                    null,
                    "This app may queue " + perHour + " messages per hour; try again in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 404 {@code mail/no-outbound}: no outbound message with that id (or the caller may not see it). */
    public static final class NoOutbound extends OutboundException {
        public NoOutbound(String id) {
            super("id", "No outbound message " + id + ".");
        }
    }

    /** 404 {@code mail/no-message}: {@code inReplyTo} or {@code forwardOf} names no message of the sender's mailbox. */
    public static final class NoMessage extends OutboundException {
        public NoMessage(String field, String id) {
            super(field, "No message " + id + " in this mailbox.");
        }
    }

    /** 404 {@code mail/unknown-domain}: neither the mail domain nor a custom domain of this installation. */
    public static final class UnknownDomain extends OutboundException {
        public UnknownDomain(String domain) {
            super("domain", domain + " is neither the mail domain nor a custom domain of this installation.");
        }
    }

    /** 404 {@code mail/app-not-found}. */
    public static final class AppNotFound extends OutboundException {
        public AppNotFound(String name) {
            super("name", "No app " + name + ".");
        }
    }
}
