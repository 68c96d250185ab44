package fazt.platform.nats.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters of one consumer, tagged {@code consumer=<name>} and {@code kind}: {@code fazt_nats_consumer_delivered_total}
 * (every delivery, redeliveries included), {@code …_acked_total} (handled), {@code …_failed_total} (the handler threw
 * or the message could not be read) and {@code …_dead_lettered_total} (ADR 41 names).
 */
final class ConsumerMeters {
    final Counter delivered;
    final Counter acked;
    final Counter failed;
    final Counter deadLettered;

    ConsumerMeters(MeterRegistry registry, ConsumerSpec<?> spec) {
        delivered = counter(registry, "fazt.nats.consumer.delivered", "deliveries, redeliveries included", spec);
        acked = counter(registry, "fazt.nats.consumer.acked", "messages handled and acknowledged", spec);
        failed = counter(
                registry,
                "fazt.nats.consumer.failed",
                "deliveries whose handler failed or whose data was unreadable",
                spec);
        deadLettered =
                counter(registry, "fazt.nats.consumer.dead_lettered", "messages given up on and dead-lettered", spec);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, ConsumerSpec<?> spec) {
        return Counter.builder(name)
                .description(description)
                .tag("consumer", spec.name())
                .tag("kind", spec.kind().tag())
                .register(registry);
    }
}
