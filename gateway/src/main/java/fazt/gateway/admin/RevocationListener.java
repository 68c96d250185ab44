package fazt.gateway.admin;

import fazt.gateway.applogin.AppSessionResolver;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AuthSubjects;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to auth-svc's revocation events ({@code <root>.evt.auth.>}: token revoked, user disabled, session ended)
 * and drops the affected principals from the {@link Authenticator}'s cache, so revocation takes effect on every gateway
 * within moments; an ended app session ({@code evt.auth.app.session.ended}) leaves the {@link AppSessionResolver}'s. A plain subscription without queue group: every gateway must hear every event.
 */
@Singleton
final class RevocationListener implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);
    private final Connection nats;
    private final BootstrapSettings settings;
    private final Authenticator authenticator;
    private final AppSessionResolver appSessions;
    private Dispatcher dispatcher;

    RevocationListener(Connection nats, BootstrapSettings settings, Authenticator authenticator,
                       AppSessionResolver appSessions) {
        this.nats = nats;
        this.settings = settings;
        this.authenticator = authenticator;
        this.appSessions = appSessions;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        dispatcher = nats.createDispatcher(message -> {
            try {
                AccessRevoked revoked = MessageCodec.INSTANCE.decode(message.getData(), AccessRevoked.class);
                int dropped = message.getSubject().endsWith("." + AuthSubjects.APP_SESSION_ENDED)
                        ? (appSessions.drop(revoked) ? 1 : 0) : authenticator.drop(revoked);
                log.debug("principals dropped subject={} count={}", message.getSubject(), dropped);
            } catch (MessageCodec.MalformedMessageException e) {
                log.warn("unreadable auth event ignored subject={}", message.getSubject());
            }
        });
        dispatcher.subscribe(settings.root().qualify(AuthSubjects.EVENTS));
    }

    @PreDestroy
    void stop() {
        if (dispatcher != null) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
