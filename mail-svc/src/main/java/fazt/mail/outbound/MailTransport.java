package fazt.mail.outbound;

import java.util.List;

/**
 * The way out of fazt for a stored message (ADR 30): hands {@code raw} to someone who delivers it. Its one adapter
 * today is {@link SmtpRelayTransport}; an HTTP provider would be another.
 */
public interface MailTransport {
    /** What became of one delivery. */
    enum Outcome {
        /** Taken (by the relay, for at least one recipient): the message is sent. */
        ACCEPTED,
        /** Not taken, try again later: a 4xx, no connection, a timeout. */
        TEMPORARY,
        /** Refused for good: a 5xx. */
        PERMANENT;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The outcome, the peer's last answer ({@code 250 2.0.0 Ok: queued as ...}, {@code 550 5.1.1 ...}, or what
     * went wrong when there was none), and the recipients refused while the message was taken for others
     * ({@code "<address> <answer>"} each).
     */
    record Result(Outcome outcome, String answer, List<String> refused) {
        public static Result of(Outcome outcome, String answer) {
            return new Result(outcome, answer, List.of());
        }
    }

    /** Delivers {@code raw} from {@code envelopeFrom} (empty: the null sender {@code <>}) to {@code recipients}. */
    Result deliver(Relays.Relay relay, String envelopeFrom, List<String> recipients, byte[] raw);
}
