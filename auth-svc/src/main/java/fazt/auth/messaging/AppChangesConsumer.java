package fazt.auth.messaging;

import fazt.auth.domain.appauth.AppEndUsers;
import fazt.auth.domain.appauth.AppProviders;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps app login settings attached to the right app: a deleted app's providers and allow-list are dropped (so a new
 * app that takes the name does not inherit them), and so are its app users and their sessions; a renamed app's
 * settings move with it (its users and sessions are bound to the app id, which a rename keeps). A durable consumer on
 * deploy-svc's event stream shared by every auth instance (ADR 25), so an auth-svc that was down catches up; a change
 * that cannot be applied (the database is briefly away) comes again after a pause. Until 2026-12 this consumer was a
 * push consumer; the first start of this code replaces it without losing an event.
 */
@Singleton
final class AppChangesConsumer implements EventConsumer<AppChanged> {
    static final String DURABLE = "auth-app-login";
    private static final Logger log = LoggerFactory.getLogger(AppChangesConsumer.class);

    private final AppProviders providers;
    private final AppEndUsers users;

    AppChangesConsumer(AppProviders providers, AppEndUsers users) {
        this.users = users;
        this.providers = providers;
    }

    @Override
    public ConsumerSpec<AppChanged> spec() {
        return ConsumerSpec.durable(DURABLE, ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class);
    }

    @Override
    public void handle(AppChanged changed) {
        if (changed.change() == null) {
            return; // a change this version does not know
        }
        switch (changed.change()) {
            case DELETED -> {
                changed.names().forEach(name -> {
                    int dropped = providers.forget(name);
                    if (dropped > 0) {
                        log.info("app login dropped with its app app={} providers={}", name, dropped);
                    }
                });
                if (changed.appId() != null) {
                    int dropped = users.forgetApp(changed.appId());
                    if (dropped > 0) {
                        log.info("app users dropped with their app appId={} users={}", changed.appId(), dropped);
                    }
                }
            }
            case RENAMED -> {
                // deploy-svc lists the old name first, then the new one.
                if (changed.names().size() == 2) {
                    providers.move(changed.names().get(0), changed.names().get(1));
                }
            }
            default -> {}
        }
    }
}
