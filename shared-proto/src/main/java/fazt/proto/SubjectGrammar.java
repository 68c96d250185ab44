package fazt.proto;

import java.util.regex.Pattern;

/**
 * The subject grammar of docs/adr/0002-nats-subject-grammar.md, checked: {@code svc.<service>.<action>[.<sub>]}
 * for request/reply, {@code evt.<service>.<aggregate>.<past-tense-event>} for facts on JetStream,
 * {@code log.<kind>.<app-id>} for per-app records kept for reading back, {@code work.<service>.<queue>} for
 * work-queue streams, {@code dlq.<service>.<consumer>} for the messages a consumer gave up on (ADR 25), and
 * {@code note.<service>.<aggregate>.<event>} for notices on plain NATS that no stream keeps (ADR 36). Every
 * subject a service uses is built here, so none can fall outside the grammar.
 */
public final class SubjectGrammar {
    /** First token of request/reply subjects. */
    public static final String REQUEST = "svc";
    /** First token of event subjects. */
    public static final String EVENT = "evt";
    /**
     * First token of notices: facts told on plain NATS to whoever listens now, never stored (no stream captures
     * them, unlike {@code evt.}), for listeners that forget everything when they miss one (ADR 36).
     */
    public static final String NOTICE = "note";
    /** First token of per-app record subjects. */
    public static final String LOG = "log";
    /** First token of work-queue subjects. */
    public static final String WORK = "work";
    /** First token of dead-letter subjects. */
    public static final String DEAD_LETTER = "dlq";
    /**
     * First token of inboxes (ADR 31): replies, body streams and heartbeats addressed to a service travel on
     * {@code inbox.<service>.<unique>...}, which only that service may subscribe to.
     */
    public static final String INBOX = "inbox";
    /**
     * Token after {@code inbox.<service>} of the body streams a service holds ({@code inbox.<service>.body.<unique>...}):
     * other services pull them, so they may publish there (ADR 37).
     */
    public static final String INBOX_BODY = "body";
    /**
     * Token after {@code inbox.<service>} of the progress inboxes of its invocations
     * ({@code inbox.<service>.beat.<unique>...}): runtime-svc beats there (ADR 37).
     */
    public static final String INBOX_PROGRESS = "beat";

    private static final String TOKEN = "[a-z][a-z0-9_-]*";
    private static final String SERVICE = "(gateway|auth|deploy|storage|runtime|scheduler|mail)";
    private static final Pattern REQUEST_SUBJECT =
            Pattern.compile(REQUEST + "\\." + SERVICE + "\\." + TOKEN + "(\\." + TOKEN + ")?");
    private static final Pattern EVENT_SUBJECT =
            Pattern.compile(EVENT + "\\." + SERVICE + "\\." + TOKEN + "\\." + TOKEN);
    private static final Pattern NOTICE_SUBJECT =
            Pattern.compile(NOTICE + "\\." + SERVICE + "\\." + TOKEN + "\\." + TOKEN);
    // App ids are UUIDs or names: one token of letters, digits, '-' or '_'.
    private static final Pattern LOG_SUBJECT = Pattern.compile(LOG + "\\." + TOKEN + "\\.[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern WORK_SUBJECT = Pattern.compile(WORK + "\\." + SERVICE + "\\." + TOKEN);
    private static final Pattern DEAD_LETTER_SUBJECT = Pattern.compile(DEAD_LETTER + "\\." + SERVICE + "\\." + TOKEN);

    private SubjectGrammar() {}

    /** A request subject for {@code service}: {@code svc.<service>.<action>}. */
    public static String request(ServiceName service, String action) {
        return requireRequest(REQUEST + "." + service.id() + "." + action);
    }

    /** An event subject: {@code evt.<service>.<aggregate>.<event>}. */
    public static String event(ServiceName service, String aggregate, String event) {
        return requireEvent(EVENT + "." + service.id() + "." + aggregate + "." + event);
    }

    /** A notice subject: {@code note.<service>.<aggregate>.<event>}, never captured by a stream. */
    public static String notice(ServiceName service, String aggregate, String event) {
        String subject = NOTICE + "." + service.id() + "." + aggregate + "." + event;
        if (!NOTICE_SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("not a notice subject (note.<service>.<aggregate>.<event>): " + subject);
        }
        return subject;
    }

    /** A per-app record subject: {@code log.<kind>.<app-id>}, e.g. {@code log.app.<id>}. */
    public static String log(String kind, String appId) {
        String subject = LOG + "." + kind + "." + appId;
        if (!LOG_SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("not a log subject (log.<kind>.<app-id>): " + subject);
        }
        return subject;
    }

    /** A work-queue subject: {@code work.<service>.<queue>}. */
    public static String work(ServiceName service, String queue) {
        String subject = WORK + "." + service.id() + "." + queue;
        if (!WORK_SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("not a work subject (work.<service>.<queue>): " + subject);
        }
        return subject;
    }

    /** Where {@code service}'s consumer {@code consumer} puts the messages it gave up on: {@code dlq.<service>.<consumer>}. */
    public static String deadLetter(ServiceName service, String consumer) {
        String subject = DEAD_LETTER + "." + service.id() + "." + consumer;
        if (!DEAD_LETTER_SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("not a dead-letter subject (dlq.<service>.<consumer>): " + subject);
        }
        return subject;
    }

    /** The inbox space of {@code service}: {@code inbox.<service>} (its NATS inbox prefix, with the root in front). */
    public static String inbox(ServiceName service) {
        return INBOX + "." + service.id();
    }

    /**
     * {@code inbox.<service>.body}: where the body streams {@code service} holds live. Apart from its reply inboxes
     * ({@code inbox.<service>.<nuid>.<n>}), so a right to pull them never covers a reply (ADR 37).
     */
    public static String bodyStreams(ServiceName service) {
        return inbox(service) + "." + INBOX_BODY;
    }

    /** {@code inbox.<service>.beat}: where runtime-svc beats for the invocations {@code service} made (ADR 37). */
    public static String progress(ServiceName service) {
        return inbox(service) + "." + INBOX_PROGRESS;
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
