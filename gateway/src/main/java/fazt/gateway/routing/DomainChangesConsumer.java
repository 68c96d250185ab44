package fazt.gateway.routing;

import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChanged;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies deploy-svc's custom-domain events ({@code <root>.evt.deploy.domain.>}) to {@link CustomDomains}. A broadcast
 * consumer (ADR 25), as {@link SiteChanges}: every gateway instance must hear every event; one that was away reloads
 * the whole table ({@link DomainSnapshots}). An event that cannot be read asks for that reload at once.
 */
@Singleton
final class DomainChangesConsumer implements EventConsumer<DomainChanged> {
    private static final Logger log = LoggerFactory.getLogger(DomainChangesConsumer.class);
    private final CustomDomains domains;
    private final DomainSnapshots snapshots;

    DomainChangesConsumer(CustomDomains domains, DomainSnapshots snapshots) {
        this.domains = domains;
        this.snapshots = snapshots;
    }

    @Override
    public ConsumerSpec<DomainChanged> spec() {
        return ConsumerSpec.broadcast(
                "gateway-domain-changes", ServiceName.DEPLOY, DeploySubjects.DOMAIN_EVENTS, DomainChanged.class);
    }

    @Override
    public void handle(DomainChanged changed) {
        domains.apply(changed);
        log.debug(
                "custom domain {} domain={}", changed.change(), changed.domain().domain());
    }

    @Override
    public void unreadable(String subject) {
        snapshots.reloadSoon();
        log.warn("unreadable domain event, custom domains reloaded subject={}", subject);
    }
}
