package fazt.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cache type alone, on a hand-driven clock: nothing here waits for time to pass. */
class BoundedCacheTest {
    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

    private BoundedCache<String, String> cache(int maxEntries) {
        return BoundedCache.<String, String>named("test.answers")
                .maxEntries(maxEntries)
                .positiveFor(Duration.ofSeconds(30))
                .negativeFor(Duration.ofSeconds(5), "none"::equals)
                .clock(now::get)
                .build(metrics);
    }

    /** Answers {@code none} for keys starting with {@code missing}, else the key in upper case; counts each load. */
    private Function<String, CompletableFuture<String>> loader() {
        return key -> {
            loads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return CompletableFuture.completedFuture(key.startsWith("missing") ? "none" : key.toUpperCase());
        };
    }

    private int loadsOf(String key) {
        return loads.getOrDefault(key, new AtomicInteger()).get();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aFullCacheEvictsEntriesOneByOneAndNeverClearsItself() {
        BoundedCache<String, String> cache = cache(10);
        for (int i = 0; i < 100; i++) {
            cache.get("k" + i, loader()).join();
        }
        cache.cleanUp();
        assertThat(cache.size()).isEqualTo(10);
        assertThat(metrics.get("cache.evictions").tag("cache", "test.answers").summaries().stream()
                        .mapToLong(DistributionSummary::count)
                        .sum())
                .as("evictions metered")
                .isEqualTo(90);
    }

    @Test
    void aDropForgetsOneKeyOnly() {
        BoundedCache<String, String> cache = cache(100);
        cache.get("a", loader()).join();
        cache.get("b", loader()).join();
        assertThat(cache.drop("a")).isTrue();
        assertThat(cache.drop("a")).as("already gone").isFalse();
        assertThat(cache.get("a", loader()).join()).isEqualTo("A");
        assertThat(cache.get("b", loader()).join()).isEqualTo("B");
        assertThat(loadsOf("a")).isEqualTo(2);
        assertThat(loadsOf("b")).isEqualTo(1);
    }

    @Test
    void negativeAnswersLiveForTheirOwnShorterLifetime() {
        BoundedCache<String, String> cache = cache(100);
        assertThat(cache.get("missing", loader()).join()).isEqualTo("none");
        cache.get("found", loader()).join();
        advance(Duration.ofSeconds(4));
        cache.get("missing", loader()).join();
        assertThat(loadsOf("missing")).as("still within 5 s").isEqualTo(1);
        advance(Duration.ofSeconds(2));
        cache.get("missing", loader()).join();
        cache.get("found", loader()).join();
        assertThat(loadsOf("missing")).as("past 5 s").isEqualTo(2);
        assertThat(loadsOf("found")).as("positives live 30 s").isEqualTo(1);
        advance(Duration.ofSeconds(25));
        cache.get("found", loader()).join();
        assertThat(loadsOf("found")).isEqualTo(2);
    }

    @Test
    void aLifetimeCountsFromWhenTheAnswerArrived() {
        BoundedCache<String, String> cache = cache(100);
        CompletableFuture<String> slow = new CompletableFuture<>();
        cache.get("missing", k -> slow);
        advance(Duration.ofSeconds(60));
        slow.complete("none");
        advance(Duration.ofSeconds(4));
        assertThat(cache.get("missing", loader()).join()).isEqualTo("none");
        assertThat(loadsOf("missing"))
                .as("the 5 s began at the answer, not at the ask")
                .isZero();
        advance(Duration.ofSeconds(2));
        cache.get("missing", loader()).join();
        assertThat(loadsOf("missing")).isEqualTo(1);
    }

    @Test
    void aNullAnswerIsNotKept() {
        BoundedCache<String, String> cache = cache(100);
        assertThat(cache.get("a", k -> CompletableFuture.completedFuture(null)).join())
                .isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void withoutLifetimesAnswersStayUntilEvictedOrDropped() {
        BoundedCache<String, String> cache = BoundedCache.<String, String>named("test.forever")
                .maxEntries(10)
                .clock(now::get)
                .build(metrics);
        cache.get("a", loader()).join();
        advance(Duration.ofDays(400));
        cache.get("a", loader()).join();
        assertThat(loadsOf("a")).isEqualTo(1);
    }

    @Test
    void concurrentLoadsOfOneKeyAreOneLoad() {
        BoundedCache<String, String> cache = cache(100);
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> first = cache.get("a", k -> {
            calls.incrementAndGet();
            return pending;
        });
        CompletableFuture<String> second = cache.get("a", k -> {
            calls.incrementAndGet();
            return new CompletableFuture<>();
        });
        assertThat(calls).hasValue(1);
        assertThat(second).isSameAs(first);
        pending.complete("A");
        assertThat(first.join()).isEqualTo("A");
        assertThat(second.join()).isEqualTo("A");
    }

    @Test
    void aFailedLoadReachesEveryWaiterAndIsNotKept() {
        BoundedCache<String, String> cache = cache(100);
        CompletableFuture<String> failed =
                cache.get("a", k -> CompletableFuture.failedFuture(new IllegalStateException("down")));
        assertThat(failed).isCompletedExceptionally();
        assertThat(cache.get("a", loader()).join()).isEqualTo("A");
        CompletableFuture<String> thrown = cache.get("b", k -> {
            throw new IllegalStateException("no connection");
        });
        assertThatThrownBy(thrown::join).hasRootCauseMessage("no connection");
        assertThat(cache.get("b", loader()).join()).isEqualTo("B");
    }

    @Test
    void anAnswerFetchedBeforeADropIsNeverStored() {
        BoundedCache<String, String> cache = cache(100);
        for (var drop : List.<Consumer<BoundedCache<String, String>>>of(
                c -> c.drop("a"), c -> c.dropIf((k, v) -> false), BoundedCache::dropAll)) {
            CompletableFuture<String> old = new CompletableFuture<>();
            CompletableFuture<String> asked = cache.get("a", k -> old);
            drop.accept(cache);
            old.complete("OLD");
            assertThat(asked.join())
                    .as("who asked before the drop gets the answer")
                    .isEqualTo("OLD");
            assertThat(cache.get("a", k -> CompletableFuture.completedFuture("NEW"))
                            .join())
                    .isEqualTo("NEW");
            cache.dropAll();
        }
    }

    @Test
    void dropIfDropsMatchingAnswersAndLoadsUnderWay() {
        BoundedCache<String, String> cache = cache(100);
        cache.get("a", loader()).join();
        cache.get("b", loader()).join();
        cache.get("missing", loader()).join();
        cache.get("pending", k -> new CompletableFuture<>());
        assertThat(cache.dropIf((key, answer) -> answer.equals("none") || key.equals("a")))
                .isEqualTo(3);
        assertThat(cache.size()).isEqualTo(1);
        cache.get("b", loader()).join();
        assertThat(loadsOf("b")).isEqualTo(1);
    }

    @Test
    void hitsMissesAndSizeAreMeteredUnderTheCachesName() {
        BoundedCache<String, String> cache = cache(100);
        cache.get("a", loader()).join();
        cache.get("a", loader()).join();
        cache.get("a", loader()).join();
        cache.get("b", loader()).join();
        assertThat(cache.name()).isEqualTo("test.answers");
        assertThat(metrics.get("cache.gets")
                        .tags("cache", "test.answers", "result", "hit")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(metrics.get("cache.gets")
                        .tags("cache", "test.answers", "result", "miss")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(metrics.get("cache.size")
                        .tag("cache", "test.answers")
                        .gauge()
                        .value())
                .isEqualTo(2);
    }

    @Test
    void aCacheNeedsANameABoundAndPositiveLifetimes() {
        assertThatThrownBy(() -> BoundedCache.named(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoundedCache.named("x").build(metrics)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BoundedCache.named("x").maxEntries(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoundedCache.named("x").positiveFor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCacheBoundedByWeightKeepsItsAnswersWithinTheirTotalWeight() {
        BoundedCache<String, String> cache = BoundedCache.<String, String>named("test.weighed")
                .maxWeight(1000, (key, value) -> value.length())
                .clock(now::get)
                .build(metrics);
        for (int i = 0; i < 50; i++) {
            String key = "k" + i;
            cache.get(key, k -> CompletableFuture.completedFuture("x".repeat(100)))
                    .join();
        }
        cache.cleanUp();
        assertThat(cache.size()).isBetween(1L, 10L);
        assertThatThrownBy(() -> BoundedCache.<String, String>named("x")
                        .maxEntries(5)
                        .maxWeight(5, (k, v) -> 1)
                        .build(metrics))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAnswerWithAShorterLifetimeOfItsOwnLeavesThen() {
        BoundedCache<String, String> cache = BoundedCache.<String, String>named("test.own")
                .maxEntries(10)
                .positiveFor(Duration.ofSeconds(30))
                .ownLifetime(value -> value.startsWith("SHORT") ? Duration.ofSeconds(2) : null)
                .clock(now::get)
                .build(metrics);
        cache.get("short-lived", loader()).join();
        cache.get("long-lived", loader()).join();
        advance(Duration.ofSeconds(3));
        cache.get("short-lived", loader()).join();
        cache.get("long-lived", loader()).join();
        assertThat(loadsOf("short-lived")).as("its own lifetime ended").isEqualTo(2);
        assertThat(loadsOf("long-lived")).as("the positive lifetime holds").isEqualTo(1);
    }
}
