package fazt.deploy.messaging;

import fazt.deploy.domain.AppEvents;
import fazt.deploy.domain.AppId;
import fazt.platform.nats.EventPublisher;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link AppChanged} to JetStream ({@code <root>.evt.deploy.app.<change>}), with the event id as
 * {@code Nats-Msg-Id} so a retried publish is stored once. Core subscribers (gateways) receive it at once; the stream
 * lets a service that was down catch up.
 */
@Singleton
final class JetStreamAppEvents implements AppEvents {
    private static final Logger log = LoggerFactory.getLogger(JetStreamAppEvents.class);
    private final EventPublisher events;

    JetStreamAppEvents(EventPublisher events) {
        this.events = events;
    }

    @Override
    public void publish(Change change, AppId id, List<String> names, int version) {
        AppChanged.Change wire = AppChanged.Change.valueOf(change.name());
        AppChanged event = new AppChanged("e_" + UUID.randomUUID(), wire, id.value(), names, version, Instant.now());
        try {
            events.publish(DeploySubjects.appEvent(wire), event, event.eventId());
        } catch (EventPublisher.EventNotPublished e) {
            // The change is committed; a lost event leaves caches stale until their TTL, so say so loudly.
            log.error("app event not published change={} appId={}", change, id, e);
        }
    }
}
