package fazt.gateway.routing;

import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to deploy-svc's app events ({@code <root>.evt.deploy.app.>}) and drops the routes each makes stale
 * ({@link SiteDirectory#drop(AppChanged)}: the aliases and the app it names); an event that cannot be read drops every
 * route, since what it changed is unknown. A broadcast consumer (ADR 25): every gateway instance must hear every
 * event, and one that was away has no cache to repair.
 */
@Singleton
final class SiteChanges implements EventConsumer<AppChanged> {
    private static final Logger log = LoggerFactory.getLogger(SiteChanges.class);
    private final SiteDirectory directory;

    SiteChanges(SiteDirectory directory) {
        this.directory = directory;
    }

    @Override
    public ConsumerSpec<AppChanged> spec() {
        return ConsumerSpec.broadcast(
                "gateway-site-changes", ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class);
    }

    @Override
    public void handle(AppChanged changed) {
        int dropped = directory.drop(changed);
        log.debug("routes dropped appId={} names={} count={}", changed.appId(), changed.names(), dropped);
    }

    @Override
    public void unreadable(String subject) {
        directory.dropAll();
        log.warn("unreadable app event, every route dropped subject={}", subject);
    }
}
