package fazt.platform.nats.consumer;

import java.time.Duration;

/** What a {@link WorkConsumer} made of a message: done (acknowledged) or to be delivered again after a delay. */
public sealed interface Outcome {
    /** The work is finished; the message is acknowledged and leaves the queue. */
    record Done() implements Outcome {}

    /**
     * The work is not finished and should come back after {@code delay} (negative counts as none). Not a failure: it
     * is not counted against the consumer's deliveries and never dead-lettered; the handler counts its own attempts.
     */
    record RetryAfter(Duration delay) implements Outcome {}

    static Outcome done() {
        return new Done();
    }

    static Outcome retryAfter(Duration delay) {
        return new RetryAfter(delay.isNegative() ? Duration.ZERO : delay);
    }
}
