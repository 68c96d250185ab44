package fazt.runtime.engine;

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
 * Listens to deploy-svc's app events ({@code <root>.evt.deploy.app.>}) and drops the changed app's warm contexts and
 * cached env vars, so the next request runs the new version with the new settings. A plain subscription without a
 * queue group, as the gateway's route cache does: every runtime instance must hear every event, and an instance that
 * was away has nothing warm to drop.
 */
@Singleton
final class AppChanges implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(AppChanges.class);
    private final Connection nats;
    private final BootstrapSettings settings;
    private final ContextPool pool;
    private final AppEnvCache env;
    private Dispatcher dispatcher;

    AppChanges(Connection nats, BootstrapSettings settings, ContextPool pool, AppEnvCache env) {
        this.nats = nats;
        this.settings = settings;
        this.pool = pool;
        this.env = env;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        dispatcher = nats.createDispatcher(message -> {
            AppChanged changed;
            try {
                changed = MessageCodec.INSTANCE.decode(message.getData(), AppChanged.class);
            } catch (MessageCodec.MalformedMessageException e) {
                log.warn("app event ignored, malformed subject={}", message.getSubject());
                return;
            }
            if (changed.appId() == null) {
                return;
            }
            env.drop(changed.appId());
            pool.dropApp(changed.appId());
            log.debug("app changed, contexts dropped appId={} change={}", changed.appId(), changed.change());
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
