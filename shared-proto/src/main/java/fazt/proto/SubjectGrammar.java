package fazt.proto;

import java.util.regex.Pattern;

/**
 * The subject grammar of docs/adr/0002-nats-subject-grammar.md, checked: {@code svc.<service>.<action>[.<sub>]}
 * for request/reply and {@code evt.<service>.<aggregate>.<past-tense-event>} for facts on JetStream.
 */
public final class SubjectGrammar {
    /** First token of request/reply subjects. */
    public static final String REQUEST = "svc";
    /** First token of event subjects. */
    public static final String EVENT = "evt";

    private static final String TOKEN = "[a-z][a-z0-9_-]*";
    private static final String SERVICE = "(gateway|auth|deploy|storage|runtime|scheduler|mail)";
    private static final Pattern REQUEST_SUBJECT =
            Pattern.compile(REQUEST + "\\." + SERVICE + "\\." + TOKEN + "(\\." + TOKEN + ")?");
    private static final Pattern EVENT_SUBJECT =
            Pattern.compile(EVENT + "\\." + SERVICE + "\\." + TOKEN + "\\." + TOKEN);

    private SubjectGrammar() {}

    /** A request subject for {@code service}: {@code svc.<service>.<action>}. */
    public static String request(ServiceName service, String action) {
        return requireRequest(REQUEST + "." + service.id() + "." + action);
    }

    /** An event subject: {@code evt.<service>.<aggregate>.<event>}. */
    public static String event(ServiceName service, String aggregate, String event) {
        return requireEvent(EVENT + "." + service.id() + "." + aggregate + "." + event);
    }

    public static boolean isRequest(String subject) {
        return subject != null && REQUEST_SUBJECT.matcher(subject).matches();
    }

    public static boolean isEvent(String subject) {
        return subject != null && EVENT_SUBJECT.matcher(subject).matches();
    }

    static String requireRequest(String subject) {
        if (!isRequest(subject)) {
            throw new IllegalArgumentException("not a request subject (svc.<service>.<action>[.<sub>]): " + subject);
        }
        return subject;
    }

    static String requireEvent(String subject) {
        if (!isEvent(subject)) {
            throw new IllegalArgumentException("not an event subject (evt.<service>.<aggregate>.<event>): " + subject);
        }
        return subject;
    }
}
