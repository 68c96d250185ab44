package fazt.deploy.messaging;

import fazt.deploy.domain.Domain;
import fazt.deploy.domain.DomainEvents;
import fazt.platform.nats.EventPublisher;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.MappedDomain;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link DomainChanged} to deploy's event stream ({@code <root>.evt.deploy.domain.<change>}), the event id
 * as {@code Nats-Msg-Id}, as {@link JetStreamAppEvents} does for apps.
 */
@Singleton
final class JetStreamDomainEvents implements DomainEvents {
    private static final Logger log = LoggerFactory.getLogger(JetStreamDomainEvents.class);
    private final EventPublisher events;

    JetStreamDomainEvents(EventPublisher events) {
        this.events = events;
    }

    @Override
    public void publish(Change change, Domain domain) {
        DomainChanged.Change wire = DomainChanged.Change.valueOf(change.name());
        DomainChanged event = new DomainChanged("e_" + UUID.randomUUID(), wire, mapped(domain), Instant.now());
        try {
            events.publish(DeploySubjects.domainEvent(wire), event, event.eventId());
        } catch (EventPublisher.EventNotPublished e) {
            // The change is committed; gateways learn it at their next start (DOMAINS_GET), so say so loudly.
            log.error("domain event not published change={} domain={}", change, domain.name(), e);
        }
    }

    /** The wire form of a stored domain. */
    static MappedDomain mapped(Domain d) {
        return new MappedDomain(d.name(), d.appId().value(), d.appName(), d.state(), d.verifiedAt());
    }
}
