package fazt.platform.nats;

import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;

/**
 * Publishes a service's events to its JetStream event stream, the one way every service does: the record encoded with
 * the one codec, its {@link fazt.proto.MessageType} id in {@link FaztHeaders#TYPE}, the event id as
 * {@link FaztHeaders#MSG_ID} (so a retried publish is stored once within {@link EventStreams#DUPLICATE_WINDOW}), and
 * the current trace in {@link FaztHeaders#TRACEPARENT}. Core subscribers hear the event at once; the stream keeps it
 * for consumers that were down.
 *
 * <p>The publish waits for the stream's acknowledgement at most {@link #TIMEOUT} (or the timeout given) and fails in
 * one way, {@link EventNotPublished}. The state change an event reports is committed before it is published, so
 * callers log the failure and go on:
 * <pre>{@code
 * try {
 *     events.publish(DeploySubjects.appEvent(change), event, event.eventId());
 * } catch (EventNotPublished e) {
 *     log.error("app event not published appId={}", appId, e);
 * }
 * }</pre>
 */
public final class EventPublisher {
    /** How long a publish waits for the stream's acknowledgement by default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final SubjectRoot root;
    private final JetStream jetStream;

    public EventPublisher(Connection nats, SubjectRoot root) {
        this(nats, root, TIMEOUT);
    }

    public EventPublisher(Connection nats, SubjectRoot root, Duration timeout) {
        this.root = root;
        try {
            this.jetStream = nats.jetStream(
                    JetStreamOptions.builder().requestTimeout(timeout).build());
        } catch (IOException e) {
            throw new IllegalStateException("JetStream unavailable on this connection", e);
        }
    }

    /**
     * Publishes {@code event} (a wire record) on {@code subject} (without the root), de-duplicated by {@code eventId},
     * and returns once the stream has stored it. Throws {@link EventNotPublished} when no stream captures the subject,
     * the stream does not acknowledge within the timeout, or the connection fails.
     */
    public void publish(String subject, Object event, String eventId) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(event.getClass()));
        headers.put(FaztHeaders.MSG_ID, eventId);
        headers.put(FaztHeaders.TRACEPARENT, TraceContext.currentOrStart().header());
        byte[] data = MessageCodec.INSTANCE.encode(event);
        try {
            jetStream.publish(
                    root.qualify(subject),
                    headers,
                    data,
                    PublishOptions.builder().messageId(eventId).build());
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            // IOException: no stream captures the subject, or no acknowledgement in time; IllegalStateException: the
            // connection is closed.
            throw new EventNotPublished(subject, eventId, e);
        }
    }

    /** An event was not stored: the one failure of {@link EventPublisher#publish}; the message names subject and id. */
    public static final class EventNotPublished extends RuntimeException {
        private final String subject;
        private final String eventId;

        public EventNotPublished(String subject, String eventId, Throwable cause) {
            super(
                    "event " + eventId + " not published on " + subject + ": "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage()),
                    cause);
            this.subject = subject;
            this.eventId = eventId;
        }

        /** The subject, without the root. */
        public String subject() {
            return subject;
        }

        public String eventId() {
            return eventId;
        }
    }
}
