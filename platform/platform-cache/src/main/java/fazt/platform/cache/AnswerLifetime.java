package fazt.platform.cache;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How long an entry of a {@link BoundedCache} lives: a load under way does not expire; a completed answer lives the
 * negative lifetime when negative, the positive one otherwise, counted from when it arrived (the cache re-stamps the
 * entry then), and no limit where none was given; an answer with a shorter lifetime of its own (an entry that expires
 * by itself) lives only that long. Reading an answer does not extend it.
 */
final class AnswerLifetime<K, V> implements Expiry<K, CompletableFuture<V>> {
    /** Caffeine's own ceiling, about 146 years. */
    static final long NO_LIMIT = Long.MAX_VALUE >> 1;

    private final long positiveNanos;
    private final long negativeNanos;
    private final Predicate<? super V> negative;
    private final Function<? super V, Duration> own;

    AnswerLifetime(Duration positiveFor, Duration negativeFor, Predicate<? super V> negative) {
        this(positiveFor, negativeFor, negative, v -> null);
    }

    AnswerLifetime(
            Duration positiveFor,
            Duration negativeFor,
            Predicate<? super V> negative,
            Function<? super V, Duration> own) {
        this.positiveNanos = nanos(positiveFor);
        this.negativeNanos = nanos(negativeFor);
        this.negative = negative;
        this.own = own;
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
        long lifetime = negative.test(value) ? negativeNanos : positiveNanos;
        Duration ownLifetime = own.apply(value);
        if (ownLifetime != null) {
            lifetime = Math.min(lifetime, Math.max(0, Math.min(ownLifetime.toNanos(), NO_LIMIT)));
        }
        return lifetime;
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
