package fazt.gateway.routing;

import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live site of each app, asked of deploy-svc on a miss and cached. Every deploy, rollback, rename or delete event
 * drops the whole table ({@link #dropAll()}); a generation counter makes sure an answer fetched before a drop is never
 * cached after it. A short {@link #TTL} bounds staleness should an event ever be missed.
 */
@Singleton
public final class SiteDirectory {
    /** Upper bound on how long a cached route is trusted without an event. */
    public static final Duration TTL = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    private final NatsRequester nats;
    private final ConcurrentHashMap<String, Entry> sites = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    SiteDirectory(NatsRequester nats) {
        this.nats = nats;
    }

    private record Entry(CompletableFuture<SiteReply> site, long generation, long expiresAtNanos) {}

    /** The live site of {@code name} (found false when there is none). */
    public CompletableFuture<SiteReply> site(String name) {
        long now = System.nanoTime();
        long current = generation.get();
        Entry entry = sites.compute(name, (key, cached) -> {
            if (cached != null && cached.generation() == current && cached.expiresAtNanos() - now > 0
                    && !cached.site().isCompletedExceptionally()) {
                return cached;
            }
            return new Entry(nats.request(DeploySubjects.SITE_GET, new SiteRequest(name), SiteReply.class, TIMEOUT),
                    current, now + TTL.toNanos());
        });
        entry.site().whenComplete((site, failure) -> {
            if (failure != null) {
                sites.remove(name, entry);
            }
        });
        if (sites.size() > MAX_ENTRIES) {
            sites.clear();
        }
        return entry.site();
    }

    /** Forgets every route: the next request of each app asks deploy-svc again. */
    public void dropAll() {
        generation.incrementAndGet();
        sites.clear();
    }
}
