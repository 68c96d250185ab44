package fazt.scheduler.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One app's rate limit for async requests and webhook deliveries: {@code tokens} left at {@code at}; it holds at most
 * {@code burst} tokens and gains {@code perMinute} per minute. Each accepted request takes one. The state lives in
 * scheduler-svc's database, so every instance draws from the same bucket.
 */
public record TokenBucket(double tokens, Instant at) {
    /** A bucket never drawn from: full. */
    public static TokenBucket full(int burst, Instant now) {
        return new TokenBucket(burst, now);
    }

    /** The bucket at {@code now}: refilled for the time since {@code at} (none if the clock went back), capped at {@code burst}. */
    public TokenBucket refill(Instant now, int perMinute, int burst) {
        double elapsedSeconds = Math.max(0, Duration.between(at, now).toNanos() / 1e9);
        return new TokenBucket(Math.min(burst, tokens + elapsedSeconds * perMinute / 60.0), now.isAfter(at) ? now : at);
    }

    public boolean hasToken() {
        return tokens >= 1;
    }

    public TokenBucket take() {
        return new TokenBucket(tokens - 1, at);
    }

    /** Whole seconds until the bucket holds a token again (at least 1): the {@code Retry-After} of a refused request. */
    public long secondsUntilToken(int perMinute) {
        return Math.max(1, (long) Math.ceil((1 - tokens) * 60.0 / perMinute));
    }
}
