package fazt.mail.domain;

/** Mailbox names (ADR 30): {@code app:<appId>} or {@code user:<userId>}. */
public final class Mailbox {
    /**
     * Where {@code postmaster@} and {@code abuse@} of every local domain go unless claimed: auth-svc has no subject
     * naming the installation's first admin, so this shared admin mailbox stands in (admins read it with
     * {@code GET /api/mail/messages?mailbox=user:admin}).
     */
    public static final String ADMIN = "user:admin";

    private Mailbox() {}

    public static String app(String appId) {
        return "app:" + appId;
    }

    public static String user(String userId) {
        return "user:" + userId;
    }

    /** The app id of an app mailbox, or null for a user's. */
    public static String appIdOf(String mailbox) {
        return mailbox.startsWith("app:") ? mailbox.substring(4) : null;
    }

    public static boolean valid(String mailbox) {
        return mailbox != null && mailbox.length() <= 200 && mailbox.matches("(app|user):[A-Za-z0-9_.@-]+");
    }
}
