package fazt.mail.outbound.messaging;

import fazt.mail.outbound.DeliverOutbound;
import fazt.mail.outbound.OutboundQueue;
import fazt.platform.nats.consumer.Backoff;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.Outcome;
import fazt.platform.nats.consumer.WorkConsumer;
import fazt.proto.mail.MailSubjects;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Delivers the outbound work queue ({@link JetStreamOutboundQueue}) through the durable consumer {@value #CONSUMER}
 * every mail-svc instance shares, at most {@link #IN_FLIGHT} at a time per instance. A message is acknowledged only
 * after its outcome was committed ({@link DeliverOutbound}), or comes back after the retry pause; an instance that
 * dies mid-delivery loses nothing (the queue hands the message to another instance after the ack wait). Deliveries
 * are unlimited: attempts are counted in the row, and an attempt that could not even start (the database is away)
 * comes back after {@link #ON_ERROR_DELAY}.
 */
@Singleton
final class OutboundWorker implements WorkConsumer<String> {
    static final String CONSUMER = "mail-outbound";
    static final int IN_FLIGHT = 8;
    private static final Duration ON_ERROR_DELAY = Duration.ofSeconds(5);

    private final DeliverOutbound deliver;

    OutboundWorker(DeliverOutbound deliver) {
        this.deliver = deliver;
    }

    @Override
    public ConsumerSpec<String> spec() {
        return ConsumerSpec.workQueue(CONSUMER, MailSubjects::workStream, MailSubjects.WORK, String.class)
                .inFlight(IN_FLIGHT)
                .maxDeliveries(0)
                .backoff(Backoff.fixed(ON_ERROR_DELAY));
    }

    @Override
    public Outcome handle(String work) {
        DeliverOutbound.Next next = deliver.deliver(OutboundQueue.Work.parse(work));
        return next.isDone() ? Outcome.done() : Outcome.retryAfter(next.delay());
    }
}
