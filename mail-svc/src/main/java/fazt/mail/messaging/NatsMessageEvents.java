package fazt.mail.messaging;

import fazt.mail.domain.Ids;
import fazt.mail.domain.Incoming;
import fazt.mail.domain.MessageEvents;
import fazt.platform.nats.EventPublisher;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.MessageReceived;
import jakarta.inject.Singleton;
import java.time.Clock;

/** {@link MessageEvents} on mail's event stream: one {@link MessageReceived} per inbox entry. */
@Singleton
final class NatsMessageEvents implements MessageEvents {
    private final EventPublisher events;
    private final Clock clock;

    NatsMessageEvents(EventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void received(Incoming message, Incoming.Delivery delivery) {
        MessageReceived event = new MessageReceived(
                Ids.event(),
                delivery.entryId(),
                delivery.target().mailbox(),
                delivery.recipient(),
                message.raw().length,
                clock.instant());
        events.publish(MailSubjects.MESSAGE_RECEIVED, event, event.eventId());
    }
}
