package fazt.scheduler.messaging;

import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.scheduler.domain.LiveSites;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/** {@link LiveSites} from deploy-svc ({@code svc.deploy.site.get}). Throws when deploy-svc does not answer. */
@Singleton
final class NatsLiveSites implements LiveSites {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final NatsRequester requester;

    NatsLiveSites(NatsRequester requester) {
        this.requester = requester;
    }

    @Override
    public Optional<LiveSite> find(String appName) {
        SiteReply site = requester.call(DeploySubjects.SITE_GET, new SiteRequest(appName), SiteReply.class, TIMEOUT);
        return site.found()
                ? Optional.of(new LiveSite(site.appId(), site.name(), site.version(), site.namespace()))
                : Optional.empty();
    }
}
