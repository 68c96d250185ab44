package fazt.mail.outbound.messaging;

import fazt.mail.outbound.AppDirectory;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import fazt.proto.deploy.MappedDomain;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link AppDirectory} from deploy-svc: {@code svc.deploy.site.get} for an app's id, {@code svc.deploy.triggers.get} for its name, {@code svc.deploy.domains.get}
 * for the custom domains, kept for {@link #TTL} and dropped at once on {@code evt.deploy.domain.*}
 * ({@link #forget()}, called by the domain events consumer). Throws when deploy-svc does not answer.
 */
public final class NatsAppDirectory implements AppDirectory {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration TTL = Duration.ofSeconds(60);

    private final NatsRequester requester;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(List<MappedDomain> domains, Instant until) {}

    public NatsAppDirectory(NatsRequester requester, Clock clock) {
        this.requester = requester;
        this.clock = clock;
    }

    @Override
    public Optional<String> appIdByName(String name) {
        SiteReply site = requester.call(DeploySubjects.SITE_GET, new SiteRequest(name), SiteReply.class, TIMEOUT);
        return site.found() ? Optional.of(site.appId()) : Optional.empty();
    }

    @Override
    public Optional<String> appName(String appId) {
        TriggersReply reply =
                requester.call(DeploySubjects.TRIGGERS_GET, new TriggersRequest(appId), TriggersReply.class, TIMEOUT);
        return reply.apps() == null
                ? Optional.empty()
                : reply.apps().stream()
                        .filter(a -> appId.equals(a.appId()))
                        .map(TriggersReply.AppTriggers::name)
                        .findFirst();
    }

    @Override
    public List<MappedDomain> customDomains() {
        Cached now = cached;
        if (now != null && now.until().isAfter(clock.instant())) {
            return now.domains();
        }
        DomainsReply reply =
                requester.call(DeploySubjects.DOMAINS_GET, new DomainsRequest(), DomainsReply.class, TIMEOUT);
        List<MappedDomain> domains = reply.domains() == null ? List.of() : List.copyOf(reply.domains());
        cached = new Cached(domains, clock.instant().plus(TTL));
        return domains;
    }

    /** Drops the cached domains: a domain was mapped, verified, failed or removed. */
    public void forget() {
        cached = null;
    }
}
