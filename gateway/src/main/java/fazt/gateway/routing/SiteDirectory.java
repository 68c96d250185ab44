package fazt.gateway.routing;

import fazt.platform.cache.BoundedCache;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The live site of each app, asked of deploy-svc on a miss and kept by alias in a {@link BoundedCache}
 * ({@code gateway.sites}). An app's event ({@link #drop(AppChanged)}) or a change through this gateway's admin API
 * ({@link #dropWritten}) drops only the aliases it affects; a load under way when they drop is not stored. A found
 * site is trusted for {@link #TTL} and "no such app" for {@link #NOT_FOUND_TTL}, which bound staleness should an
 * event ever be missed.
 */
@Singleton
public final class SiteDirectory {
    /** Upper bound on how long a cached route is trusted without an event. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** Upper bound on how long "no such app" is trusted without an event: hosts nobody deployed are cheap to ask again. */
    public static final Duration NOT_FOUND_TTL = Duration.ofSeconds(5);

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    private final NatsRequester nats;
    private final BoundedCache<String, SiteReply> sites;

    SiteDirectory(NatsRequester nats, MeterRegistry metrics) {
        this.nats = nats;
        this.sites = BoundedCache.<String, SiteReply>named("gateway.sites")
                .maxEntries(MAX_ENTRIES)
                .positiveFor(TTL)
                .negativeFor(NOT_FOUND_TTL, site -> !site.found())
                .build(metrics);
    }

    /** The live site of {@code name} (found false when there is none). */
    public CompletableFuture<SiteReply> site(String name) {
        return sites.get(
                name, key -> nats.request(DeploySubjects.SITE_GET, new SiteRequest(key), SiteReply.class, TIMEOUT));
    }

    /**
     * Forgets what {@code event} made stale: each alias it names (both for a rename; the new one for a clone, which
     * may be cached as "no such app"), every site of its app id under any other alias, and loads under way. An event
     * naming no alias drops everything. Returns how many entries went.
     */
    public int drop(AppChanged event) {
        if (event.names() == null || event.names().isEmpty()) {
            int all = (int) sites.size();
            dropAll();
            return all;
        }
        int dropped = 0;
        for (String name : event.names()) {
            dropped += sites.drop(name) ? 1 : 0;
        }
        String appId = event.appId();
        return dropped + sites.dropIf((name, site) -> site.found() && appId != null && appId.equals(site.appId()));
    }

    /**
     * Forgets what a change of app {@code name} through the admin API may have made stale, before its event arrives:
     * that alias and every "no such app" (a rename's or clone's new alias travels in the request body, not the path).
     * A change naming no app ({@code name} null) drops everything.
     */
    public void dropWritten(String name) {
        if (name == null) {
            dropAll();
            return;
        }
        String alias = name.trim().toLowerCase(Locale.ROOT);
        sites.drop(alias);
        sites.dropIf((key, site) -> !site.found());
    }

    /** Forgets every route: the next request of each app asks deploy-svc again. */
    public void dropAll() {
        sites.dropAll();
    }
}
