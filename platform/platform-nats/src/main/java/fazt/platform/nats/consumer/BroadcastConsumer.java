package fazt.platform.nats.consumer;

import fazt.platform.loop.BackgroundLoop;
import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broadcast consumer: a JetStream ordered consumer of this instance alone (ephemeral, no acks; the client recreates
 * it after a gap or a reconnect, from the last message it saw), so every instance handles every message in stream
 * order, including those published while its connection was briefly away. It starts with the messages stored since
 * the instance started, {@link #CLOCK_MARGIN} included, so nothing published between the service's start and the
 * stream's appearance is missed; handlers drop caches, so a message handled twice costs nothing.
 *
 * <p>Without acks there is nothing to redeliver: a failing handler is retried here, on the consumer's thread, after the
 * spec's backoff, up to its deliveries, then the message is dead-lettered and the consumer goes on. A
 * {@link BackgroundLoop} named after the consumer waits for the stream and starts the consumer again if the client
 * gives up on it, from the message after the last one handled.
 */
final class BroadcastConsumer<T> implements RunningConsumer {
    /** How far before the instance's start the first consumer begins: clocks of server and instance may differ. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(BroadcastConsumer.class);

    private final Connection nats;
    private final SubjectRoot root;
    private final MessageHandling<T> handling;
    private final BackgroundLoop.Body ready;
    private final Instant startedAt;
    private volatile long lastSequence;
    private BackgroundLoop loop;

    BroadcastConsumer(
            Connection nats, SubjectRoot root, MessageHandling<T> handling, BackgroundLoop.Body ready, Clock clock) {
        this.nats = nats;
        this.root = root;
        this.handling = handling;
        this.ready = ready;
        this.startedAt = clock.instant();
    }

    BroadcastConsumer<T> start() {
        loop = BackgroundLoop.forever(handling.spec.name(), this::consume);
        return this;
    }

    @Override
    public String name() {
        return handling.spec.name();
    }

    private void consume() throws Exception {
        ConsumerSpec<T> spec = handling.spec;
        OrderedConsumerConfiguration config =
                new OrderedConsumerConfiguration().filterSubject(root.qualify(spec.subject()));
        long seen = lastSequence;
        if (seen > 0) {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(seen + 1);
        } else {
            config.deliverPolicy(DeliverPolicy.ByStartTime)
                    .startTime(startedAt.minus(CLOCK_MARGIN).atZone(ZoneOffset.UTC));
        }
        OrderedConsumerContext context =
                nats.getStreamContext(spec.stream().apply(root)).createOrderedConsumer(config);
        log.info(
                "consumer started consumer={} kind={} stream={} filter={} from={}",
                spec.name(),
                spec.kind().tag(),
                spec.stream().apply(root),
                config.getFilterSubject(),
                seen > 0 ? "sequence " + (seen + 1) : config.getStartTime().toInstant());
        ready.run();
        try (MessageConsumer consumer = context.consume(this::deliver)) {
            while (!consumer.isFinished()) {
                Thread.sleep(CHECK_EVERY);
            }
        }
        throw new IllegalStateException("the ordered consumer ended");
    }

    private void deliver(Message message) throws InterruptedException {
        for (long delivery = 1; ; delivery++) {
            handling.meters.delivered.increment();
            T value;
            try {
                value = handling.decode(message);
            } catch (RuntimeException e) {
                handling.meters.failed.increment();
                handling.unreadable(message);
                handling.deadLetter(message, delivery, e);
                break;
            }
            try {
                handling.handle(message, value);
                handling.meters.acked.increment();
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                handling.meters.failed.increment();
                if (handling.exhausted(delivery)) {
                    handling.deadLetter(message, delivery, e);
                    break;
                }
                Duration wait = handling.spec.backoff().after(delivery);
                handling.retrying(message, delivery, wait, e);
                Thread.sleep(wait);
            }
        }
        lastSequence = message.metaData().streamSequence();
    }

    @Override
    public boolean stop(Duration timeout) {
        return loop == null || loop.stop(timeout);
    }
}
