package fazt.platform.nats.consumer;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a consumer reads and how its messages are delivered: the kind, a name (the durable consumer's name on the
 * stream, the thread's, the meters' {@code consumer} tag and the last token of the dead-letter subject), the stream
 * and the subject filter (without the root), the message type, and the delivery settings, each with a default per
 * kind (ADR 25):
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th></th><th>durable</th><th>broadcast</th><th>work queue</th></tr>
 *   <tr><td>deliveries before the dead letter</td><td>20</td><td>5</td><td>unlimited</td></tr>
 *   <tr><td>backoff</td><td>1 s doubling to 1 min</td><td>100 ms doubling to 5 s</td><td>5 s</td></tr>
 *   <tr><td>in flight per instance</td><td>1 (in order)</td><td>1 (in order)</td><td>16</td></tr>
 * </table>
 * A durable consumer created for the first time starts with every message the stream holds, unless
 * {@link #startingWithNewMessages()}; a broadcast consumer starts with what was published since its instance started.
 *
 * @param type {@code String.class} for UTF-8 text, {@code byte[].class} for the raw data, else a wire record decoded
 *             with {@link fazt.proto.MessageCodec}
 * @param maxDeliveries deliveries of a failing message before it is dead-lettered; 0 for unlimited
 * @param ackWait how long a delivered message may go without an ack or in-progress signal before the stream gives it
 *                to another instance
 */
public record ConsumerSpec<T>(
        ConsumerKind kind,
        String name,
        Function<SubjectRoot, String> stream,
        String subject,
        Class<T> type,
        boolean fromStart,
        int maxDeliveries,
        Backoff backoff,
        int inFlight,
        Duration ackWait,
        int maxAckPending) {
    /** The ack wait of every durable and work-queue consumer; in-progress acks keep a long handler's message. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public ConsumerSpec {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("consumer name must be lower-case letters, digits and '-': " + name);
        }
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(backoff, "backoff");
        if (maxDeliveries < 0 || inFlight < 1 || maxAckPending < inFlight) {
            throw new IllegalArgumentException(
                    "consumer " + name + ": deliveries >= 0, 1 <= inFlight <= maxAckPending");
        }
        if (kind != ConsumerKind.WORK_QUEUE && inFlight != 1) {
            throw new IllegalArgumentException("consumer " + name + ": events are handled in order, one at a time");
        }
    }

    /**
     * A durable consumer named {@code name} on the event stream of {@code from}, filtered to {@code subject} (without
     * the root, wildcards allowed), shared by every instance of the service.
     */
    public static <T> ConsumerSpec<T> durable(String name, ServiceName from, String subject, Class<T> type) {
        return new ConsumerSpec<>(
                ConsumerKind.DURABLE,
                name,
                root -> root.eventStream(from),
                subject,
                type,
                true,
                20,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)),
                1,
                ACK_WAIT,
                1_000);
    }

    /** A broadcast consumer on the event stream of {@code from}: every instance handles every event. */
    public static <T> ConsumerSpec<T> broadcast(String name, ServiceName from, String subject, Class<T> type) {
        return new ConsumerSpec<>(
                ConsumerKind.BROADCAST,
                name,
                root -> root.eventStream(from),
                subject,
                type,
                false,
                5,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)),
                1,
                ACK_WAIT,
                1);
    }

    /** A worker on the work-queue stream {@code stream} (named for the root), filtered to {@code subject}. */
    public static <T> ConsumerSpec<T> workQueue(
            String name, Function<SubjectRoot, String> stream, String subject, Class<T> type) {
        return new ConsumerSpec<>(
                ConsumerKind.WORK_QUEUE,
                name,
                stream,
                subject,
                type,
                true,
                0,
                Backoff.fixed(Duration.ofSeconds(5)),
                16,
                ACK_WAIT,
                10_000);
    }

    /** A durable consumer created for the first time starts after the stream's last message, not at its first. */
    public ConsumerSpec<T> startingWithNewMessages() {
        return new ConsumerSpec<>(
                kind, name, stream, subject, type, false, maxDeliveries, backoff, inFlight, ackWait, maxAckPending);
    }

    /** Dead-letters a message after {@code deliveries} failed deliveries; 0 retries it for ever. */
    public ConsumerSpec<T> maxDeliveries(int deliveries) {
        return new ConsumerSpec<>(
                kind, name, stream, subject, type, fromStart, deliveries, backoff, inFlight, ackWait, maxAckPending);
    }

    public ConsumerSpec<T> backoff(Backoff wait) {
        return new ConsumerSpec<>(
                kind, name, stream, subject, type, fromStart, maxDeliveries, wait, inFlight, ackWait, maxAckPending);
    }

    public ConsumerSpec<T> ackWait(Duration wait) {
        return new ConsumerSpec<>(
                kind, name, stream, subject, type, fromStart, maxDeliveries, backoff, inFlight, wait, maxAckPending);
    }

    /** Work queues only: how many messages an instance handles at once. */
    public ConsumerSpec<T> inFlight(int messages) {
        return new ConsumerSpec<>(
                kind,
                name,
                stream,
                subject,
                type,
                fromStart,
                maxDeliveries,
                backoff,
                messages,
                ackWait,
                Math.max(maxAckPending, messages));
    }
}
