package fazt.mail.outbound;

import java.time.Instant;

/**
 * The work queue of outbound messages ({@code work.mail.outbound}). A message is {@code "<id> <queued at, epoch
 * millis>"} with the id as {@code Nats-Msg-Id}; it is published inside the transaction that stores the row, so the
 * row is never committed without its queue message (a worker that gets the message before the commit is visible
 * waits for it a little, see {@link Work}).
 */
public interface OutboundQueue {
    /** Publishes {@code id} and returns once the stream stored it; throws when it did not. */
    void publish(String id, Instant queuedAt);

    /** One queue message, parsed. */
    record Work(String id, Instant queuedAt) {
        public static Work parse(String text) {
            int space = text.indexOf(' ');
            if (space < 0) {
                return new Work(text.strip(), Instant.EPOCH);
            }
            return new Work(
                    text.substring(0, space),
                    Instant.ofEpochMilli(
                            Long.parseLong(text.substring(space + 1).strip())));
        }

        public String text() {
            return id + " " + queuedAt.toEpochMilli();
        }
    }
}
