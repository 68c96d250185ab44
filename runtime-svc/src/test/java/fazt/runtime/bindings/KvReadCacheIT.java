package fazt.runtime.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.test.TestNats;
import fazt.proto.MessageCodec;
import fazt.proto.storage.KvChanged;
import fazt.proto.storage.KvValue;
import fazt.proto.storage.StorageSubjects;
import fazt.runtime.config.KvCacheConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KV read cache of two runtime instances (two caches on two connections to a real NATS server) kept right by the
 * notices storage-svc publishes: a change told drops the key on every instance, the writer reads its own write at
 * once, entries leave by their own TTL, the cache holds at most its bytes, and it serves nothing while its
 * subscription is down. The values come from {@link #store}, this test's stand-in for the database behind storage-svc
 * (the whole path with the real services is KvCacheE2E).
 */
class KvReadCacheIT {
    static TestNats server;
    static Connection storageSide;

    /** What storage-svc would answer now, per app/key. */
    private final Map<String, KvValue> store = new ConcurrentHashMap<>();

    private final AtomicInteger loads = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = TestNats.fresh();
        storageSide = server.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        storageSide.close();
        server.close();
    }

    private KvReadCache cache(Connection nats, long bytes) {
        return new KvReadCache(
                nats, server.root(), new KvCacheConfig(bytes, Duration.ofMinutes(5)), new SimpleMeterRegistry());
    }

    private Supplier<CompletableFuture<KvValue>> load(String app, String key) {
        return () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture(store.getOrDefault(app + "/" + key, KvValue.absent()));
        };
    }

    private void put(String app, String key, String text, Instant expiresAt) {
        store.put(app + "/" + key, new KvValue(true, "text", text.getBytes(StandardCharsets.UTF_8), expiresAt));
    }

    private static String text(KvValue value) {
        return value.found() ? new String(value.value(), StandardCharsets.UTF_8) : null;
    }

    /** Publishes a change as storage-svc does after its commit, and waits until the server has it. */
    private static void tell(String app, String key) throws Exception {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(KvChanged.class));
        storageSide.publish(
                server.root().qualify(StorageSubjects.KV_CHANGED),
                headers,
                MessageCodec.INSTANCE.encode(new KvChanged(app, key)));
        storageSide.flush(Duration.ofSeconds(5));
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.sleep(20);
        }
    }

    @Test
    void aChangeToldByStorageReachesEveryInstanceAndAnAppDeletionDropsAllItsKeys() throws Exception {
        try (Connection a = server.connect();
                Connection b = server.connect()) {
            KvReadCache first = cache(a, 1 << 20);
            KvReadCache second = cache(b, 1 << 20);
            assertThat(first.live()).isTrue();
            assertThat(second.live()).isTrue();
            put("app1", "k", "v1", null);
            put("app1", "other", "o1", null);
            for (KvReadCache cache : new KvReadCache[] {first, second}) {
                assertThat(text(cache.get("app1", "k", load("app1", "k")).join()))
                        .isEqualTo("v1");
                assertThat(text(cache.get("app1", "other", load("app1", "other"))
                                .join()))
                        .isEqualTo("o1");
            }
            int before = loads.get();
            assertThat(text(second.get("app1", "k", load("app1", "k")).join())).isEqualTo("v1");
            assertThat(loads.get()).as("a kept answer asks nobody").isEqualTo(before);

            put("app1", "k", "v2", null);
            tell("app1", "k");
            for (KvReadCache cache : new KvReadCache[] {first, second}) {
                eventually("the change reached every instance", () -> "v2"
                        .equals(text(cache.get("app1", "k", load("app1", "k")).join())));
            }
            assertThat(text(second.get("app1", "other", load("app1", "other")).join()))
                    .as("other keys stay")
                    .isEqualTo("o1");

            store.remove("app1/other");
            store.remove("app1/k");
            tell("app1", null);
            eventually(
                    "an app's deletion drops every key of it",
                    () -> second.get("app1", "other", load("app1", "other"))
                                    .join()
                                    .found()
                            == false);
            assertThat(second.get("app1", "k", load("app1", "k")).join().found())
                    .isFalse();
            first.close();
            second.close();
        }
    }

    @Test
    void theWritingInstanceReadsItsOwnWriteAtOnce() throws Exception {
        try (Connection a = server.connect()) {
            KvReadCache cache = cache(a, 1 << 20);
            put("app2", "k", "old", null);
            assertThat(text(cache.get("app2", "k", load("app2", "k")).join())).isEqualTo("old");
            put("app2", "k", "new", null);
            cache.wrote("app2", "k"); // the put returned: no notice needed for this instance
            assertThat(text(cache.get("app2", "k", load("app2", "k")).join())).isEqualTo("new");
            store.remove("app2/k");
            cache.wrote("app2", "k");
            assertThat(cache.get("app2", "k", load("app2", "k")).join().found()).isFalse();
            cache.close();
        }
    }

    @Test
    void anEntryLeavesTheCacheWhenItsOwnTtlEnds() throws Exception {
        try (Connection a = server.connect()) {
            KvReadCache cache = cache(a, 1 << 20);
            put("app3", "short", "lives", Instant.now().plusMillis(300));
            assertThat(text(cache.get("app3", "short", load("app3", "short")).join()))
                    .isEqualTo("lives");
            int before = loads.get();
            // storage-svc would answer "absent" once the entry expired; the cache must not outlive the TTL
            store.remove("app3/short");
            eventually("the expired entry is asked again", () -> !cache.get("app3", "short", load("app3", "short"))
                    .join()
                    .found());
            assertThat(loads.get()).isGreaterThan(before);
            cache.close();
        }
    }

    @Test
    void theCacheHoldsAtMostItsBytes() throws Exception {
        try (Connection a = server.connect()) {
            KvReadCache cache = cache(a, 1 << 20);
            String big = "x".repeat(64 * 1024);
            for (int i = 0; i < 100; i++) {
                put("app4", "k" + i, big, null);
                cache.get("app4", "k" + i, load("app4", "k" + i)).join();
            }
            // 1 MB holds at most 16 values of 64 KB (less, with keys and bookkeeping)
            eventually("evictions brought the cache within its bytes", () -> cache.size() <= 16);
            assertThat(cache.size()).isPositive();
            cache.close();
        }
    }

    @Test
    void theCacheServesNothingWhileItsSubscriptionIsDownAndStartsEmptyAfterAReconnect() throws Exception {
        Connection a = server.connect();
        KvReadCache cache = cache(a, 1 << 20);
        put("app5", "k", "v1", null);
        cache.get("app5", "k", load("app5", "k")).join();

        AtomicInteger reconnects = new AtomicInteger();
        a.addConnectionListener((conn, event) -> {
            if (event == ConnectionListener.Events.RECONNECTED) {
                reconnects.incrementAndGet();
            }
        });
        put("app5", "k", "v2", null); // a change nobody tells this instance: its connection is about to be away
        a.forceReconnect();
        eventually("reconnected", () -> reconnects.get() > 0);
        eventually("live again after the reconnect", cache::live);
        assertThat(text(cache.get("app5", "k", load("app5", "k")).join()))
                .as("emptied on the reconnect: nothing from before it is served")
                .isEqualTo("v2");

        a.close();
        eventually("off once the connection is closed", () -> !cache.live());
        int before = loads.get();
        cache.get("app5", "k", load("app5", "k")).join();
        cache.get("app5", "k", load("app5", "k")).join();
        assertThat(loads.get()).as("every read asks storage-svc while off").isEqualTo(before + 2);
        cache.close();
    }

    @Test
    void aCacheOfSizeZeroIsOff() throws Exception {
        try (Connection a = server.connect()) {
            KvReadCache cache = cache(a, 0);
            assertThat(cache.live()).isFalse();
            put("app6", "k", "v", null);
            int before = loads.get();
            cache.get("app6", "k", load("app6", "k")).join();
            cache.get("app6", "k", load("app6", "k")).join();
            assertThat(loads.get()).isEqualTo(before + 2);
            cache.close();
        }
    }
}
