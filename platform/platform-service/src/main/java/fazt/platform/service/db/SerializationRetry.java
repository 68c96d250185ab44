package fazt.platform.service.db;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The one retry policy for transactions PostgreSQL aborts to keep them serializable (SQLSTATE 40001) or to break a
 * deadlock (40P01): the whole transaction runs again, up to {@value #MAX_ATTEMPTS} times in all, after a randomised
 * exponential pause from {@link #FIRST_PAUSE}, so two transactions that collided do not collide again in step.
 * Only a {@link DataAccessException} that is {@link DataAccessException#retryable()} is retried; a domain exception
 * or any other failure passes at once.
 */
final class SerializationRetry {
    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final double MULTIPLIER = 2.0;
    private static final double RANDOMIZATION = 0.5;

    private static final Retry RETRY = Retry.of(
            "sql-serialization",
            RetryConfig.custom()
                    .maxAttempts(MAX_ATTEMPTS)
                    .intervalFunction(
                            IntervalFunction.ofExponentialRandomBackoff(FIRST_PAUSE, MULTIPLIER, RANDOMIZATION))
                    .retryOnException(e -> e instanceof DataAccessException d && d.retryable())
                    .build());

    private SerializationRetry() {}

    static <T> T run(Supplier<T> transaction) {
        return RETRY.executeSupplier(transaction);
    }
}
