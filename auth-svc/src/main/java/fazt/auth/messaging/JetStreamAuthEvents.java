package fazt.auth.messaging;

import fazt.auth.domain.AuthEvents;
import fazt.platform.nats.EventPublisher;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AuthSubjects;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link AccessRevoked} to auth-svc's event stream, with the event id as {@code Nats-Msg-Id}. Gateways
 * hear it on a plain subscription at once and drop the cached principals it names.
 */
@Singleton
final class JetStreamAuthEvents implements AuthEvents {
    private static final Logger log = LoggerFactory.getLogger(JetStreamAuthEvents.class);
    private final EventPublisher events;

    JetStreamAuthEvents(EventPublisher events) {
        this.events = events;
    }

    @Override
    public void revoked(Kind kind, String subject, String credential) {
        AccessRevoked event = new AccessRevoked("e_" + UUID.randomUUID(), subject, credential, Instant.now());
        String name =
                switch (kind) {
                    case TOKEN_REVOKED -> AuthSubjects.TOKEN_REVOKED;
                    case USER_DISABLED -> AuthSubjects.USER_DISABLED;
                    case SESSION_ENDED -> AuthSubjects.SESSION_ENDED;
                    case APP_SESSION_ENDED -> AuthSubjects.APP_SESSION_ENDED;
                };
        try {
            events.publish(name, event, event.eventId());
        } catch (EventPublisher.EventNotPublished e) {
            // The revocation is committed; gateways still drop it when their short cache entry expires.
            log.error("revocation event not published kind={} subject={}", kind, subject, e);
        }
    }
}
