package fazt.platform.service.nats;

import fazt.platform.nats.consumer.Consumers;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.platform.nats.consumer.RunningConsumer;
import fazt.platform.nats.consumer.WorkConsumer;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Once every bean is ready, starts every {@link EventConsumer} and {@link WorkConsumer} bean of the service (each
 * waits in the background for its stream, ADR 25); on shutdown stops them, waiting at most {@link #STOP_TIMEOUT} for
 * messages being handled, before the connection drains.
 */
@Singleton
final class ConsumerRegistration implements ApplicationEventListener<StartupEvent> {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final NatsSession session;
    private final BootstrapSettings settings;
    private final ServiceIdentity identity;
    private final MeterRegistry meters;
    private final List<EventConsumer<?>> events;
    private final List<WorkConsumer<?>> work;
    private final List<RunningConsumer> running = new ArrayList<>();

    ConsumerRegistration(
            NatsSession session,
            BootstrapSettings settings,
            ServiceIdentity identity,
            MeterRegistry meters,
            List<EventConsumer<?>> events,
            List<WorkConsumer<?>> work) {
        this.session = session;
        this.settings = settings;
        this.identity = identity;
        this.meters = meters;
        this.events = events;
        this.work = work;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (events.isEmpty() && work.isEmpty()) {
            return;
        }
        Consumers consumers = new Consumers(session.connection(), settings.root(), identity.name(), meters);
        for (EventConsumer<?> consumer : events) {
            running.add(consumers.start(consumer));
        }
        for (WorkConsumer<?> worker : work) {
            running.add(consumers.start(worker));
        }
    }

    @PreDestroy
    synchronized void stop() {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (RunningConsumer consumer : running) {
            consumer.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        running.clear();
    }
}
