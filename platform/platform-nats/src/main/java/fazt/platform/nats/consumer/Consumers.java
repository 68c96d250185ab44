package fazt.platform.nats.consumer;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * Starts a service's consumers (ADR 25): each on a background loop of its own that waits for its stream, so a
 * service never waits for another to start. Services do not call this: platform-service starts every
 * {@link EventConsumer} and {@link WorkConsumer} bean when the service has started and stops them when it stops.
 */
public final class Consumers {
    private final Connection nats;
    private final SubjectRoot root;
    private final ServiceName service;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;
    private final Clock clock;

    /** Consumers of {@code service} (the owner of their dead letters) on {@code nats}, counted in {@code meters}. */
    public Consumers(Connection nats, SubjectRoot root, ServiceName service, MeterRegistry meters) {
        this(nats, root, service, meters, Clock.systemUTC());
    }

    Consumers(Connection nats, SubjectRoot root, ServiceName service, MeterRegistry meters, Clock clock) {
        this.nats = nats;
        this.root = root;
        this.service = service;
        this.meters = meters;
        this.clock = clock;
        try {
            this.deadLetters = new DeadLetters(nats, root);
        } catch (IOException e) {
            throw new UncheckedIOException("JetStream unavailable on this connection", e);
        }
    }

    /** Starts {@code consumer}, durable or broadcast as its spec says. */
    public <T> RunningConsumer start(EventConsumer<T> consumer) {
        ConsumerSpec<T> spec = consumer.spec();
        MessageHandling<T> handling = new MessageHandling<>(
                service,
                spec,
                (subject, event) -> {
                    consumer.handle(subject, event);
                    return Outcome.done();
                },
                consumer::unreadable,
                deadLetters,
                new ConsumerMeters(meters, spec));
        return switch (spec.kind()) {
            case DURABLE -> new PulledConsumer<>(nats, root, handling, consumer::ready).start();
            case BROADCAST -> new BroadcastConsumer<>(nats, root, handling, consumer::ready, clock).start();
            case WORK_QUEUE ->
                throw new IllegalArgumentException(
                        "consumer " + spec.name() + ": a work queue is consumed by a WorkConsumer");
        };
    }

    /** Starts {@code worker} on its work queue. */
    public <T> RunningConsumer start(WorkConsumer<T> worker) {
        ConsumerSpec<T> spec = worker.spec();
        if (spec.kind() != ConsumerKind.WORK_QUEUE) {
            throw new IllegalArgumentException("consumer " + spec.name() + ": a WorkConsumer needs a work-queue spec");
        }
        MessageHandling<T> handling = new MessageHandling<>(
                service,
                spec,
                (subject, work) -> worker.handle(work),
                subject -> {},
                deadLetters,
                new ConsumerMeters(meters, spec));
        return new PulledConsumer<>(nats, root, handling, () -> {}).start();
    }
}
