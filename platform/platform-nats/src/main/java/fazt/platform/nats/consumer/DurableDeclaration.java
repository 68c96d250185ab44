package fazt.platform.nats.consumer;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a durable pull consumer, or brings an existing one up to date, without losing a message (ADR 25).
 * <ul>
 *   <li>None yet: created with the spec's start (every message the stream holds, or only new ones).</li>
 *   <li>A pull consumer with the same filter: updated (ack wait, deliveries, pending limit); where it started is
 *       kept, since NATS never changes that of an existing consumer.</li>
 *   <li>Anything NATS will not update in place (a push consumer, as auth's {@code auth-app-login} was, another
 *       filter, or an update refused): replaced. The old consumer's ack floor is read first; it is deleted and created
 *       anew from the first message after that floor, so every message it had not acknowledged is delivered again
 *       (and some it had, if acks came out of order: handlers are idempotent).</li>
 * </ul>
 * Two instances that replace the same consumer at once both start from a floor they read, never from a later one,
 * so the race costs redeliveries, not messages. An instance still running the old code loses its subscription when
 * the consumer is replaced and consumes nothing until it is upgraded.
 */
final class DurableDeclaration {
    /** JetStream's error code for "consumer not found". */
    static final int CONSUMER_NOT_FOUND = 10014;

    private static final Logger log = LoggerFactory.getLogger(DurableDeclaration.class);

    private DurableDeclaration() {}

    /** Declares {@code spec}'s consumer on {@code stream}, filtered to the qualified {@code filter}. */
    static ConsumerContext declare(Connection nats, String stream, ConsumerSpec<?> spec, String filter)
            throws IOException, JetStreamApiException {
        StreamContext streamContext = nats.getStreamContext(stream); // fails while the stream does not exist
        ConsumerInfo existing = find(streamContext, spec.name());
        if (existing == null) {
            return streamContext.createOrUpdateConsumer(settings(spec, filter)
                    .deliverPolicy(spec.fromStart() ? DeliverPolicy.All : DeliverPolicy.New)
                    .build());
        }
        ConsumerConfiguration old = existing.getConsumerConfiguration();
        if (old.getDeliverSubject() == null && Objects.equals(old.getFilterSubject(), filter)) {
            try {
                return streamContext.createOrUpdateConsumer(
                        keepStart(settings(spec, filter), old).build());
            } catch (JetStreamApiException e) {
                log.info(
                        "consumer not updatable in place consumer={} stream={} error={}",
                        spec.name(),
                        stream,
                        e.getApiErrorCode());
            }
        }
        long resumeAt = existing.getAckFloor().getStreamSequence() + 1;
        streamContext.deleteConsumer(spec.name());
        ConsumerContext replaced = streamContext.createOrUpdateConsumer(settings(spec, filter)
                .deliverPolicy(DeliverPolicy.ByStartSequence)
                .startSequence(resumeAt)
                .build());
        log.warn(
                "consumer replaced, resuming after its ack floor consumer={} stream={} was={} filter={} resumeAt={}",
                spec.name(),
                stream,
                old.getDeliverSubject() == null ? "pull" : "push",
                old.getFilterSubject(),
                resumeAt);
        return replaced;
    }

    private static ConsumerInfo find(StreamContext stream, String name) throws IOException, JetStreamApiException {
        try {
            return stream.getConsumerInfo(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static ConsumerConfiguration.Builder settings(ConsumerSpec<?> spec, String filter) {
        return ConsumerConfiguration.builder()
                .durable(spec.name())
                .filterSubject(filter)
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(spec.ackWait())
                // Deliveries are counted by the consumer (dead letter after the spec's limit), not by the server: a
                // server limit would leave a message unacknowledged and undelivered for ever.
                .maxDeliver(-1)
                .maxAckPending(spec.maxAckPending());
    }

    private static ConsumerConfiguration.Builder keepStart(
            ConsumerConfiguration.Builder builder, ConsumerConfiguration old) {
        builder.deliverPolicy(old.getDeliverPolicy());
        switch (old.getDeliverPolicy()) {
            case ByStartSequence -> builder.startSequence(old.getStartSequence());
            case ByStartTime -> builder.startTime(old.getStartTime());
            default -> {}
        }
        return builder;
    }
}
