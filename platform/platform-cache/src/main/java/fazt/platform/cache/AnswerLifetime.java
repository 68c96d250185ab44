package fazt.platform.cache;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * How long an entry of a {@link BoundedCache} lives: a load under way does not expire; a completed answer lives the
 * negative lifetime when negative, the positive one otherwise, counted from when it arrived (the cache re-stamps the
 * entry then), and no limit where none was given. Reading an answer does not extend it.
 */
final class AnswerLifetime<K, V> implements Expiry<K, CompletableFuture<V>> {
    /** Caffeine's own ceiling, about 146 years. */
    static final long NO_LIMIT = Long.MAX_VALUE >> 1;

    private final long positiveNanos;
    private final long negativeNanos;
    private final Predicate<? super V> negative;

    AnswerLifetime(Duration positiveFor, Duration negativeFor, Predicate<? super V> negative) {
        this.positiveNanos = nanos(positiveFor);
        this.negativeNanos = nanos(negativeFor);
        this.negative = negative;
    }

    @Override
    public long expireAfterCreate(K key, CompletableFuture<V> answer, long currentTime) {
        if (!answer.isDone() || answer.isCompletedExceptionally()) {
            return NO_LIMIT; // a failed load leaves as it completes
        }
        V value = answer.join();
        if (value == null) {
            return NO_LIMIT; // a null answer leaves as it completes
        }
        return negative.test(value) ? negativeNanos : positiveNanos;
    }

    @Override
    public long expireAfterUpdate(K key, CompletableFuture<V> answer, long currentTime, long currentDuration) {
        return expireAfterCreate(key, answer, currentTime);
    }

    @Override
    public long expireAfterRead(K key, CompletableFuture<V> answer, long currentTime, long currentDuration) {
        return currentDuration;
    }

    private static long nanos(Duration lifetime) {
        return lifetime == null ? NO_LIMIT : Math.min(lifetime.toNanos(), NO_LIMIT);
    }
}
