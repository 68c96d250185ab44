package fazt.platform.nats.consumer;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.TraceContext;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every kind of consumer does with a delivered message, the same way: decode it as the spec's type, run the
 * handler under the message's trace, count, log a failure in one line, and dead-letter.
 */
final class MessageHandling<T> {
    /** The MDC key naming the consumer while its handler runs. */
    static final String MDC_CONSUMER = "consumer";

    private static final Logger log = LoggerFactory.getLogger(MessageHandling.class);

    /** The handler, whatever the consumer's interface: an event handler always answers done. */
    @FunctionalInterface
    interface Handler<T> {
        Outcome handle(String subject, T value) throws Exception;
    }

    final ConsumerSpec<T> spec;
    final ConsumerMeters meters;
    private final ServiceName service;
    private final Handler<T> handler;
    private final Consumer<String> unreadable;
    private final DeadLetters deadLetters;

    MessageHandling(
            ServiceName service,
            ConsumerSpec<T> spec,
            Handler<T> handler,
            Consumer<String> unreadable,
            DeadLetters deadLetters,
            ConsumerMeters meters) {
        this.service = service;
        this.spec = spec;
        this.handler = handler;
        this.unreadable = unreadable;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /** The message's data as the spec's type; a {@link MessageCodec.MalformedMessageException} if it is not one. */
    @SuppressWarnings("unchecked")
    T decode(Message message) {
        if (spec.type() == String.class) {
            return (T) new String(message.getData(), StandardCharsets.UTF_8);
        }
        if (spec.type() == byte[].class) {
            return (T) message.getData();
        }
        return MessageCodec.INSTANCE.decode(message.getData(), spec.type());
    }

    /** Runs the handler with the message's trace id and the consumer's name in the MDC. */
    Outcome handle(Message message, T value) throws Exception {
        String traceparent =
                message.getHeaders() == null ? null : message.getHeaders().getFirst(FaztHeaders.TRACEPARENT);
        MDC.put(
                TraceContext.MDC_TRACE_ID,
                TraceContext.parse(traceparent).orElseGet(TraceContext::start).traceId());
        MDC.put(MDC_CONSUMER, spec.name());
        try {
            return handler.handle(message.getSubject(), value);
        } finally {
            MDC.remove(TraceContext.MDC_TRACE_ID);
            MDC.remove(MDC_CONSUMER);
        }
    }

    /** Tells the consumer about a message it cannot read. */
    void unreadable(Message message) {
        try {
            unreadable.accept(message.getSubject());
        } catch (RuntimeException e) {
            log.warn("unreadable-message hook failed consumer={} reason={}", spec.name(), reason(e));
        }
    }

    /** Whether a message whose {@code deliveries}-th delivery failed goes to the dead letters now. */
    boolean exhausted(long deliveries) {
        return spec.maxDeliveries() > 0 && deliveries >= spec.maxDeliveries();
    }

    /** The one log line of a failed delivery that will be retried. */
    void retrying(Message message, long deliveries, Duration wait, Throwable error) {
        log.warn(
                "message not handled, will retry consumer={} subject={} delivery={} maxDeliveries={} retryIn={}"
                        + " reason={}",
                spec.name(),
                message.getSubject(),
                deliveries,
                spec.maxDeliveries() == 0 ? "unlimited" : spec.maxDeliveries(),
                wait,
                reason(error));
    }

    /** Stores the message as a dead letter; false (and logged) if the dead-letter stream did not store it. */
    boolean deadLetter(Message message, long deliveries, Throwable error) {
        try {
            deadLetters.publish(service, spec.name(), message, deliveries, error);
        } catch (Exception e) {
            log.warn(
                    "message not dead-lettered, will retry consumer={} subject={} reason={}",
                    spec.name(),
                    message.getSubject(),
                    reason(e));
            return false;
        }
        meters.deadLettered.increment();
        log.error(
                "message dead-lettered consumer={} subject={} deliveries={} deadLetter={} reason={}",
                spec.name(),
                message.getSubject(),
                deliveries,
                DeadLetters.subject(deadLetters.root(), service, spec.name()),
                reason(error));
        return true;
    }

    static String reason(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
