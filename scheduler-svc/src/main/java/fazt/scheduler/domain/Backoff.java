package fazt.scheduler.domain;

/**
 * Retry delays: exponential from the app's base ({@code retry.backoff}, 1 s by default), doubling per failed attempt,
 * plus up to half as much again of random jitter so that runs failing together do not retry in lockstep, and never
 * more than {@link #MAX_MILLIS}.
 */
public final class Backoff {
    /** The longest delay between two attempts. */
    public static final long MAX_MILLIS = 3_600_000;

    private Backoff() {}

    /**
     * The delay before the next attempt after {@code failed} failed attempts (1 for the first retry), with
     * {@code random} uniform in [0, 1): in [base·2^(failed-1), 1.5·base·2^(failed-1)), capped.
     */
    public static long delayMillis(int failed, long baseMillis, double random) {
        if (failed < 1) {
            throw new IllegalArgumentException("failed attempts start at 1, got " + failed);
        }
        long exponential = baseMillis << Math.min(failed - 1, 30);
        if (exponential <= 0 || exponential > MAX_MILLIS) {
            exponential = MAX_MILLIS;
        }
        return Math.min(MAX_MILLIS, exponential + (long) (exponential * 0.5 * random));
    }
}
