package fazt.mail.domain;

/** mail-svc's refusals; {@code field} names the offending input when there is one. */
public abstract sealed class MailException extends RuntimeException {
    private final String field;

    MailException(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** No such message in a mailbox the caller may see (also for one it may not: no existence leak). */
    public static final class NoMessage extends MailException {
        public NoMessage(String id) {
            super("There is no message " + id + ".", null);
        }
    }

    public static final class NoPart extends MailException {
        public NoPart(String id, int part) {
            super("Message " + id + " has no part " + part + ".", "part");
        }
    }

    public static final class AppNotFound extends MailException {
        public AppNotFound(String name) {
            super("There is no app " + name + ".", "app");
        }
    }

    public static final class InvalidAddress extends MailException {
        public InvalidAddress(String detail) {
            super(detail, "address");
        }
    }

    public static final class AddressTaken extends MailException {
        private final String holder;

        public AddressTaken(String address, String holder) {
            super(address + " is already claimed by " + holder + ".", "address");
            this.holder = holder;
        }

        public String holder() {
            return holder;
        }
    }

    public static final class NoAddress extends MailException {
        public NoAddress(String address) {
            super(address + " is not a claimed address.", "address");
        }
    }

    public static final class InvalidRequest extends MailException {
        public InvalidRequest(String field, String detail) {
            super(detail, field);
        }
    }

    public static final class NotAllowed extends MailException {
        public NotAllowed(String detail) {
            super(detail, null);
        }
    }
}
