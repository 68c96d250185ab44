package fazt.platform.nats.consumer;

import java.time.Duration;

/** The wait before a failed message is delivered again: {@code first}, doubled per further failure, at most {@code max}. */
public record Backoff(Duration first, Duration max) {
    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The same wait after every failure. */
    public static Backoff fixed(Duration wait) {
        return new Backoff(wait, wait);
    }

    /** The wait after the {@code deliveries}-th delivery failed (1 for the first). */
    public Duration after(long deliveries) {
        Duration wait = first;
        for (long i = 1; i < deliveries && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
