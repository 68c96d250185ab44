package fazt.gateway.admin;

import fazt.gateway.applogin.AppSessionResolver;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AuthSubjects;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to auth-svc's revocation events ({@code <root>.evt.auth.>}: token revoked, user disabled, session ended)
 * and drops the affected principals from the {@link Authenticator}'s cache, so revocation takes effect on every gateway
 * within moments; an ended app session ({@code evt.auth.app.session.ended}) leaves the {@link AppSessionResolver}'s.
 * A broadcast consumer (ADR 25): every gateway must hear every event.
 */
@Singleton
final class RevocationListener implements EventConsumer<AccessRevoked> {
    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);
    private final Authenticator authenticator;
    private final AppSessionResolver appSessions;

    RevocationListener(Authenticator authenticator, AppSessionResolver appSessions) {
        this.authenticator = authenticator;
        this.appSessions = appSessions;
    }

    @Override
    public ConsumerSpec<AccessRevoked> spec() {
        return ConsumerSpec.broadcast(
                "gateway-revocations", ServiceName.AUTH, AuthSubjects.EVENTS, AccessRevoked.class);
    }

    @Override
    public void handle(String subject, AccessRevoked revoked) {
        int dropped = subject.endsWith("." + AuthSubjects.APP_SESSION_ENDED)
                ? (appSessions.drop(revoked) ? 1 : 0)
                : authenticator.drop(revoked);
        log.debug("principals dropped subject={} count={}", subject, dropped);
    }

    @Override
    public void handle(AccessRevoked revoked) {
        authenticator.drop(revoked);
    }
}
