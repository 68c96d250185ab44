package fazt.runtime.bindings;

import fazt.platform.cache.BoundedCache;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.storage.KvChanged;
import fazt.proto.storage.KvValue;
import fazt.proto.storage.StorageSubjects;
import fazt.runtime.config.KvCacheConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's read cache of {@code env.KV} values (ADR 36): answers of {@code svc.storage.kv.get}, found or not,
 * kept per app and key, bounded in bytes ({@code FAZT_RUNTIME_KV_CACHE_MB}), each at most
 * {@code FAZT_RUNTIME_KV_CACHE_MAX_AGE_MS} and never past the entry's own expiry.
 *
 * <p>Kept right by storage-svc's notices ({@link StorageSubjects#KV_CHANGED}, published after each commit, before the
 * writer's reply): a notice drops the key, and with it a read still under way (whose answer might predate the
 * change). The writing instance also drops the key when its put or delete returns. A notice can only be missed while
 * this instance's connection is down, or when its subscription falls behind and NATS drops messages: in both cases
 * the cache empties itself and serves nothing until the subscription is confirmed again, so it never serves a value
 * older than a missed change.
 */
@Singleton
public final class KvReadCache {
    private static final Logger log = LoggerFactory.getLogger(KvReadCache.class);
    private static final Duration CONFIRM = Duration.ofSeconds(5);
    /** Bookkeeping an entry costs besides its key and value, roughly. */
    private static final int ENTRY_OVERHEAD = 96;

    /** One app's key. */
    record Key(String appId, String key) {}

    private final BoundedCache<Key, KvValue> cache;
    private final Connection nats;
    private final ConnectionListener listener;
    private Dispatcher dispatcher;
    private final Object state = new Object();
    private volatile boolean live;
    /** Bumped by every {@link #off}: a confirmation that began before it does not turn the cache on. */
    private long offs;

    private volatile long droppedSeen;

    @Inject
    KvReadCache(Connection nats, BootstrapSettings settings, KvCacheConfig config, MeterRegistry metrics) {
        this(nats, settings.root(), config, metrics);
    }

    KvReadCache(Connection nats, SubjectRoot root, KvCacheConfig config, MeterRegistry metrics) {
        this.nats = nats;
        Duration maxAge = config.maxAge();
        this.cache = config.size() == 0
                ? null
                : BoundedCache.<Key, KvValue>named("runtime.kv_values")
                        .maxWeight(config.size(), KvReadCache::weight)
                        .positiveFor(maxAge)
                        .negativeFor(maxAge, value -> !value.found())
                        .ownLifetime(value ->
                                value.expiresAt() == null ? null : Duration.between(Instant.now(), value.expiresAt()))
                        .build(metrics);
        this.listener = (connection, event) -> {
            switch (event) {
                case DISCONNECTED, CLOSED -> off("connection " + event);
                case RECONNECTED, RESUBSCRIBED -> {
                    off("connection " + event); // whatever was missed while away is forgotten
                    Thread.ofVirtual().start(this::confirm);
                }
                default -> {}
            }
        };
        if (cache == null) {
            return;
        }
        String subject = root.qualify(StorageSubjects.KV_CHANGED);
        dispatcher = nats.createDispatcher(message -> {
            try {
                changed(MessageCodec.INSTANCE.decode(message.getData(), KvChanged.class));
            } catch (MessageCodec.MalformedMessageException e) {
                off("unreadable notice");
                Thread.ofVirtual().start(this::confirm);
            }
        });
        dispatcher.subscribe(subject);
        nats.addConnectionListener(listener);
        confirm();
    }

    /** Whether the cache serves reads now: on, and its notices are known to arrive. */
    public boolean live() {
        return live;
    }

    /**
     * The value of {@code key}: the kept answer while it lives, else {@code load}'s (kept when it completes, unless
     * a change of the key was told meanwhile). With the cache off or not live, {@code load} alone.
     */
    public CompletableFuture<KvValue> get(String appId, String key, Supplier<CompletableFuture<KvValue>> load) {
        if (!live) {
            return load.get();
        }
        forgetIfNoticesDropped();
        return cache.get(new Key(appId, key), k -> load.get());
    }

    /** This instance put or deleted {@code key}: its next read asks storage-svc (read-your-writes). */
    public void wrote(String appId, String key) {
        if (cache != null) {
            cache.drop(new Key(appId, key));
        }
    }

    /** Forgets every value of {@code appId} (the app was deleted or changed). */
    public void dropApp(String appId) {
        if (cache != null) {
            cache.dropIf((key, value) -> key.appId().equals(appId));
        }
    }

    /** Keys and answers held (an estimate; tests and metrics). */
    public long size() {
        return cache == null ? 0 : cache.size();
    }

    void changed(KvChanged change) {
        if (change.appId() == null) {
            return;
        }
        if (change.key() == null) {
            dropApp(change.appId());
        } else {
            cache.drop(new Key(change.appId(), change.key()));
        }
    }

    /**
     * NATS dropped notices this subscription could not take in time (a slow consumer): some change may be unknown,
     * so everything goes.
     */
    private void forgetIfNoticesDropped() {
        long dropped = dispatcher.getDroppedCount();
        if (dropped != droppedSeen) {
            droppedSeen = dropped;
            cache.dropAll();
            log.warn("kv cache emptied: notices were dropped dropped={}", dropped);
        }
    }

    private void off(String why) {
        boolean was;
        synchronized (state) {
            offs++;
            was = live;
            live = false;
        }
        if (cache != null) {
            cache.dropAll();
        }
        if (was) {
            log.info("kv cache off reason={}", why);
        }
    }

    /**
     * A round trip to the server proves the subscription is in place (subscriptions are sent asynchronously, also
     * again after a reconnect); only then, emptied of anything from before, does the cache serve reads.
     */
    private void confirm() {
        if (cache == null || nats.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        long started;
        synchronized (state) {
            started = offs;
        }
        try {
            nats.flush(CONFIRM);
        } catch (TimeoutException | IllegalStateException e) {
            log.warn(
                    "kv cache stays off: subscription not confirmed reason={}",
                    e.getClass().getSimpleName());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        cache.dropAll();
        synchronized (state) {
            if (offs == started && nats.getStatus() == Connection.Status.CONNECTED) {
                live = true;
            }
        }
    }

    private static long weight(Key key, KvValue value) {
        return ENTRY_OVERHEAD
                + 2L * (key.appId().length() + key.key().length())
                + (value.value() == null ? 0 : value.value().length);
    }

    @PreDestroy
    void close() {
        live = false;
        nats.removeConnectionListener(listener);
        if (dispatcher != null && nats.getStatus() != Connection.Status.CLOSED) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
