package fazt.gateway.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyCacheTest {
    private static final int OVERHEAD = BodyCache.ENTRY_OVERHEAD;

    private static byte[] bytes(int size) {
        return new byte[size];
    }

    @Test
    void shouldEvictLeastRecentlyUsedByBytes() {
        BodyCache cache = new BodyCache(8 * (1000 + OVERHEAD)); // room for eight 1000-byte bodies
        for (int i = 0; i < 8; i++) {
            cache.put("d" + i, ContentCoding.IDENTITY, bytes(1000));
        }
        assertThat(cache.entryCount()).isEqualTo(8);
        assertThat(cache.get("d0", ContentCoding.IDENTITY)).isNotNull(); // d0 is now the most recently used
        cache.put("d8", ContentCoding.IDENTITY, bytes(1000));
        assertThat(cache.get("d1", ContentCoding.IDENTITY)).isNull(); // d1 was the eldest
        assertThat(cache.get("d0", ContentCoding.IDENTITY)).isNotNull();
        assertThat(cache.usedBytes()).isEqualTo(8L * (1000 + OVERHEAD));
        assertThat(cache.evictions()).isEqualTo(1);
    }

    @Test
    void oneLargeBodyShouldEvictSeveralSmallOnes() {
        BodyCache cache = new BodyCache(80_000);
        for (int i = 0; i < 25; i++) { // 25 * 3128 bytes: 78,200 of 80,000
            cache.put("small" + i, ContentCoding.GZIP, bytes(3000));
        }
        cache.put("large", ContentCoding.BROTLI, bytes(10_000 - OVERHEAD)); // exactly the largest entry allowed
        assertThat(cache.get("large", ContentCoding.BROTLI)).hasSize(10_000 - OVERHEAD);
        assertThat(cache.usedBytes()).isLessThanOrEqualTo(80_000);
        assertThat(cache.get("small0", ContentCoding.GZIP)).isNull();
        assertThat(cache.get("small2", ContentCoding.GZIP)).isNull();
        assertThat(cache.get("small3", ContentCoding.GZIP)).isNotNull();
        assertThat(cache.evictions()).isEqualTo(3);
    }

    @Test
    void bodiesAboveTheEntryShareShouldNotBeKept() {
        BodyCache cache = new BodyCache(80_000);
        cache.put("big", ContentCoding.IDENTITY, bytes(10_001));
        assertThat(cache.get("big", ContentCoding.IDENTITY)).isNull();
        assertThat(cache.usedBytes()).isZero();
        assertThat(cache.maxEntryBytes()).isEqualTo(10_000);
    }

    @Test
    void codingsShouldBeSeparateEntriesAndInvalidatedTogether() {
        BodyCache cache = new BodyCache(1_000_000);
        cache.put("d", ContentCoding.IDENTITY, bytes(10));
        cache.put("d", ContentCoding.BROTLI, bytes(5));
        assertThat(cache.get("d", ContentCoding.BROTLI)).hasSize(5);
        assertThat(cache.get("d", ContentCoding.GZIP)).isNull();
        cache.invalidate("d");
        assertThat(cache.entryCount()).isZero();
        assertThat(cache.usedBytes()).isZero();
    }

    @Test
    void replacingAnEntryShouldKeepTheCountRight() {
        BodyCache cache = new BodyCache(1_000_000);
        cache.put("d", ContentCoding.IDENTITY, bytes(100));
        cache.put("d", ContentCoding.IDENTITY, bytes(300));
        assertThat(cache.usedBytes()).isEqualTo(300 + OVERHEAD);
    }

    @Test
    void shouldCountHitsAndMisses() {
        BodyCache cache = new BodyCache(1_000_000);
        cache.get("d", ContentCoding.IDENTITY);
        cache.put("d", ContentCoding.IDENTITY, bytes(1));
        cache.get("d", ContentCoding.IDENTITY);
        cache.get("d", ContentCoding.IDENTITY);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void shouldStayWithinBudgetUnderConcurrentUse() throws InterruptedException {
        BodyCache cache = new BodyCache(200_000);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int seed = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5000; i++) {
                    String digest = "d" + ((i * 31 + seed) % 300);
                    if (cache.get(digest, ContentCoding.IDENTITY) == null) {
                        cache.put(digest, ContentCoding.IDENTITY, bytes(100 + (i % 20) * 100));
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(cache.usedBytes()).isBetween(1L, 200_000L);
        assertThat(cache.hits() + cache.misses()).isEqualTo(20_000);
    }
}
