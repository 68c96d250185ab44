package fazt.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineStatsCounter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongBiFunction;

/**
 * The one cache type of the suite (ADR 21): answers of another service, loaded asynchronously and kept by key.
 * <ul>
 *   <li>Bounded by entry count, or by weight (bytes, as a weigher says); when full, the entries least likely to be asked again go one by one (Caffeine's
 *       W-TinyLFU), never the whole table.</li>
 *   <li>Positive answers and negative ones ("there is none", as the {@link Builder#negativeWhen} predicate says)
 *       each live for their own lifetime.</li>
 *   <li>{@link #get} coalesces concurrent loads of a key into one; a failed load is never kept, and every waiter
 *       sees the failure.</li>
 *   <li>{@link #drop}, {@link #dropIf} and {@link #dropAll} also drop loads still under way: an answer fetched before
 *       a drop is handed to the callers who asked for it but never stored.</li>
 *   <li>Micrometer meters tagged {@code cache=<name>}: {@code cache.gets} ({@code result} hit or miss),
 *       {@code cache.evictions} (by {@code cause}: size or expired), {@code cache.size}, and {@code cache.loads}.</li>
 * </ul>
 * Thread-safe. The future {@link #get} returns is shared by every caller of the same load: chain on it, never
 * complete it. The entries are the loads themselves (Caffeine's synchronous cache of futures, settled here when they
 * complete) rather than Caffeine's asynchronous cache, which logs every failed load as a warning with its stack: a
 * failed load is the caller's to report.
 */
public final class BoundedCache<K, V> {
    private final String name;
    private final Cache<K, CompletableFuture<V>> cache;
    private final ConcurrentMap<K, CompletableFuture<V>> map;

    private BoundedCache(String name, Cache<K, CompletableFuture<V>> cache) {
        this.name = name;
        this.cache = cache;
        this.map = cache.asMap();
    }

    /** Starts a cache called {@code name}: the value of its meters' {@code cache} tag. */
    public static <K, V> Builder<K, V> named(String name) {
        return new Builder<>(name);
    }

    /** The cache's name, as its meters are tagged. */
    public String name() {
        return name;
    }

    /**
     * The answer for {@code key}: the kept one while it lives, the load under way if there is one, else a new load by
     * {@code loader}, kept once it succeeds (a null answer is not kept). A loader that throws fails the returned
     * future instead.
     */
    public CompletableFuture<V> get(K key, Function<? super K, ? extends CompletableFuture<V>> loader) {
        boolean[] started = {false};
        CompletableFuture<V> answer = cache.get(key, k -> {
            started[0] = true;
            try {
                return Objects.requireNonNull(loader.apply(k), "loader answered no future");
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        if (started[0]) {
            answer.whenComplete((value, failure) -> settle(key, answer, value, failure));
        }
        return answer;
    }

    /**
     * A load of {@code key} completed: a failure or null answer leaves, an answer starts its lifetime now. Both only
     * if the load is still the key's entry: a drop since it started means its answer is not stored.
     */
    private void settle(K key, CompletableFuture<V> load, V value, Throwable failure) {
        if (failure != null || value == null) {
            map.remove(key, load);
        } else {
            map.replace(key, load, load);
        }
    }

    /** Drops {@code key}'s answer or load; whether there was one. */
    public boolean drop(K key) {
        return map.remove(key) != null;
    }

    /**
     * Drops every answer {@code matches} (given the key and the answer), and every load still under way, whose answer
     * cannot be shown not to match yet; how many were dropped.
     */
    public int dropIf(BiPredicate<? super K, ? super V> matches) {
        int dropped = 0;
        for (K key : List.copyOf(map.keySet())) {
            CompletableFuture<V> current;
            while ((current = map.get(key)) != null && stale(key, current, matches)) {
                if (map.remove(key, current)) {
                    dropped++;
                    break;
                }
            }
        }
        return dropped;
    }

    /** Drops every answer and load. */
    public void dropAll() {
        cache.invalidateAll();
    }

    /** How many answers and loads are kept (an estimate while evictions are pending). */
    public long size() {
        return cache.estimatedSize();
    }

    /** Runs pending evictions now (they otherwise run soon after the write that made them due). */
    void cleanUp() {
        cache.cleanUp();
    }

    private boolean stale(K key, CompletableFuture<V> answer, BiPredicate<? super K, ? super V> matches) {
        return !answer.isDone() || answer.isCompletedExceptionally() || matches.test(key, answer.join());
    }

    /** How a {@link BoundedCache} is bounded and for how long it keeps answers. */
    public static final class Builder<K, V> {
        private final String name;
        private long maxEntries = -1;
        private long maxWeight = -1;
        private ToLongBiFunction<? super K, ? super V> weigher;
        private Function<? super V, Duration> ownLifetime = v -> null;
        private Duration positiveFor;
        private Duration negativeFor;
        private Predicate<? super V> negative = v -> false;
        private LongSupplier clock;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a cache needs a name");
            }
            this.name = name;
        }

        /** At most this many entries (required). */
        public Builder<K, V> maxEntries(long maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /**
         * At most {@code maxWeight} in total, each answer weighing what {@code weigher} says (e.g. its bytes); instead
         * of {@link #maxEntries}. A load under way weighs 1 until its answer arrives.
         */
        public Builder<K, V> maxWeight(long maxWeight, ToLongBiFunction<? super K, ? super V> weigher) {
            if (maxWeight < 1) {
                throw new IllegalArgumentException("maxWeight must be at least 1: " + maxWeight);
            }
            this.maxWeight = maxWeight;
            this.weigher = Objects.requireNonNull(weigher);
            return this;
        }

        /**
         * An answer's own lifetime, when it has one shorter than the positive or negative lifetime (an entry that
         * expires by itself); {@code ownLifetime} answers null for none.
         */
        public Builder<K, V> ownLifetime(Function<? super V, Duration> ownLifetime) {
            this.ownLifetime = Objects.requireNonNull(ownLifetime);
            return this;
        }

        /** How long a positive answer is kept after it arrived; without this, until evicted or dropped. */
        public Builder<K, V> positiveFor(Duration lifetime) {
            this.positiveFor = positive(lifetime);
            return this;
        }

        /**
         * Which answers are negative ({@code isNegative}) and how long those are kept; without this, every answer is
         * positive.
         */
        public Builder<K, V> negativeFor(Duration lifetime, Predicate<? super V> isNegative) {
            this.negativeFor = positive(lifetime);
            this.negative = Objects.requireNonNull(isNegative);
            return this;
        }

        /** The clock lifetimes are measured on, in nanoseconds ({@link System#nanoTime} unless set; for tests). */
        public Builder<K, V> clock(LongSupplier nanos) {
            this.clock = Objects.requireNonNull(nanos);
            return this;
        }

        /** The cache, its meters registered with {@code metrics}. */
        public BoundedCache<K, V> build(MeterRegistry metrics) {
            if (maxEntries < 1 && weigher == null) {
                throw new IllegalStateException("cache " + name + " needs maxEntries or maxWeight");
            }
            if (maxEntries >= 1 && weigher != null) {
                throw new IllegalStateException("cache " + name + " is bounded by entries or by weight, not both");
            }
            CaffeineStatsCounter stats = new CaffeineStatsCounter(metrics, name);
            Caffeine<Object, Object> caffeine = Caffeine.newBuilder().recordStats(() -> stats);
            if (clock != null) {
                caffeine.ticker(clock::getAsLong);
            }
            AnswerLifetime<K, V> lifetime = new AnswerLifetime<>(positiveFor, negativeFor, negative, ownLifetime);
            Cache<K, CompletableFuture<V>> cache;
            if (weigher != null) {
                ToLongBiFunction<? super K, ? super V> weight = weigher;
                Weigher<K, CompletableFuture<V>> byAnswer = (key, answer) -> {
                    if (!answer.isDone() || answer.isCompletedExceptionally() || answer.join() == null) {
                        return 1;
                    }
                    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, weight.applyAsLong(key, answer.join())));
                };
                cache = caffeine.maximumWeight(maxWeight)
                        .weigher(byAnswer)
                        .expireAfter(lifetime)
                        .build();
            } else {
                cache = caffeine.maximumSize(maxEntries).expireAfter(lifetime).build();
            }
            stats.registerSizeMetric(cache);
            return new BoundedCache<>(name, cache);
        }

        private static Duration positive(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("a lifetime must be positive: " + lifetime);
            }
            return lifetime;
        }
    }
}
