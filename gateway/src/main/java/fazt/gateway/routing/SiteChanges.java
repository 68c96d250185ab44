package fazt.gateway.routing;

import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to deploy-svc's app events ({@code <root>.evt.deploy.app.>}) and drops the routes each makes stale
 * ({@link SiteDirectory#drop(AppChanged)}: the aliases and the app it names); an event that cannot be read drops every
 * route, since what it changed is unknown. A plain subscription, not a durable consumer: a gateway that was away has
 * no cache to repair, and JetStream-published events reach plain subscribers as soon as they are stored. No queue
 * group: every gateway instance must hear every event.
 */
@Singleton
final class SiteChanges implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(SiteChanges.class);
    private final Connection nats;
    private final BootstrapSettings settings;
    private final SiteDirectory directory;
    private Dispatcher dispatcher;

    SiteChanges(Connection nats, BootstrapSettings settings, SiteDirectory directory) {
        this.nats = nats;
        this.settings = settings;
        this.directory = directory;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        dispatcher = nats.createDispatcher(message -> {
            try {
                AppChanged changed = MessageCodec.INSTANCE.decode(message.getData(), AppChanged.class);
                int dropped = directory.drop(changed);
                log.debug("routes dropped subject={} appId={} names={} count={}", message.getSubject(), changed.appId(),
                        changed.names(), dropped);
            } catch (MessageCodec.MalformedMessageException e) {
                directory.dropAll();
                log.warn("unreadable app event, every route dropped subject={}", message.getSubject());
            }
        });
        dispatcher.subscribe(settings.root().qualify(DeploySubjects.APP_EVENTS));
    }

    @PreDestroy
    void stop() {
        if (dispatcher != null) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
