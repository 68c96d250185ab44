package fazt.gateway.routing;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every custom domain into {@link CustomDomains} over {@code svc.deploy.domains.get}: as soon as deploy-svc
 * answers after the gateway starts, then every {@link #RESYNC}, so a lost event heals (the events keep the table
 * current in between, {@link DomainChangesConsumer}). A background loop (ADR 25) whose round is cheap until a load is
 * due; a failed load is logged by the loop and tried again next round. Requests never wait on this.
 */
@Singleton
final class DomainSnapshots implements BackgroundWork {
    static final Duration ROUND = Duration.ofSeconds(1);
    static final Duration RESYNC = Duration.ofMinutes(5);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DomainSnapshots.class);
    private final CustomDomains domains;
    private final NatsRequester requester;
    /** When the last load succeeded, {@code System.nanoTime()}; null until then or when a reload is asked for. */
    private volatile Long loadedAt;

    DomainSnapshots(CustomDomains domains, NatsRequester requester) {
        this.domains = domains;
        this.requester = requester;
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("custom-domains", ROUND, this::round);
    }

    /** Asks for a full reload at the next round. */
    void reloadSoon() {
        loadedAt = null;
    }

    private void round() {
        Long last = loadedAt;
        if (last != null && System.nanoTime() - last < RESYNC.toNanos()) {
            return;
        }
        domains.snapshotAsked();
        DomainsReply reply =
                requester.call(DeploySubjects.DOMAINS_GET, new DomainsRequest(), DomainsReply.class, TIMEOUT);
        domains.replace(reply.domains());
        loadedAt = System.nanoTime();
        log.debug("custom domains loaded count={}", domains.size());
    }
}
