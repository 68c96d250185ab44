package fazt.runtime.engine;

import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to deploy-svc's app events ({@code <root>.evt.deploy.app.>}) and drops the changed app's warm contexts and
 * cached env vars, so the next request runs the new version with the new settings. A broadcast consumer (ADR 25), as
 * the gateway's route cache has: every runtime instance must hear every event, and an instance that was away has
 * nothing warm to drop. Then the new live version gets its first context at once ({@link ContextWarmer}, ADR 37).
 */
@Singleton
final class AppChanges implements EventConsumer<AppChanged> {
    private static final Logger log = LoggerFactory.getLogger(AppChanges.class);
    private final ContextPool pool;
    private final AppEnvCache env;
    private final ContextWarmer warmer;

    AppChanges(ContextPool pool, AppEnvCache env, ContextWarmer warmer) {
        this.pool = pool;
        this.env = env;
        this.warmer = warmer;
    }

    @Override
    public ConsumerSpec<AppChanged> spec() {
        return ConsumerSpec.broadcast(
                "runtime-app-changes", ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class);
    }

    @Override
    public void handle(AppChanged changed) {
        if (changed.appId() == null) {
            return;
        }
        env.drop(changed.appId());
        pool.dropApp(changed.appId());
        if (changed.change() != AppChanged.Change.DELETED
                && changed.names() != null
                && !changed.names().isEmpty()) {
            // the alias the app is served as now: the only one, or the new one of a rename
            warmer.warm(changed.appId(), changed.names().getLast(), changed.version());
        }
        log.debug("app changed, contexts dropped appId={} change={}", changed.appId(), changed.change());
    }
}
