package fazt.platform.nats.consumer;

import static org.assertj.core.api.Assertions.fail;

import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.EventStreams;
import fazt.platform.nats.NatsConnector;
import fazt.platform.test.TestNats;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the consumer ITs share: a fresh NATS subject root per test with deploy's event stream declared, consumers
 * started on connections of their own and stopped after each test, and the helpers to publish, inspect and wait.
 * Every wait polls with a deadline; none asserts on elapsed time.
 */
abstract class ConsumerHarness {
    protected static final Duration DEADLINE = Duration.ofSeconds(20);
    protected static final Backoff QUICK = new Backoff(Duration.ofMillis(20), Duration.ofMillis(80));

    protected TestNats testNats;
    protected Connection nats;
    protected EventPublisher events;
    protected final List<Connection> connections = new ArrayList<>();
    protected final List<RunningConsumer> started = new ArrayList<>();
    protected final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        testNats = TestNats.fresh();
        nats = connect();
        events = new EventPublisher(nats, testNats.root());
        EventStreams.declare(nats, testNats.root(), ServiceName.DEPLOY);
    }

    @AfterEach
    void stop() throws Exception {
        for (RunningConsumer consumer : started) {
            consumer.stop(Duration.ofSeconds(5));
        }
        for (Connection connection : connections) {
            connection.close();
        }
        testNats.close();
    }

    // ---- helpers

    /** A durable (or broadcast) consumer of deploy's app events for service auth that records each event id. */
    protected static class Recording implements EventConsumer<AppChanged> {
        private final String name;
        private final List<String> handled;
        private final Handler onEvent;

        interface Handler {
            void accept(String eventId) throws Exception;
        }

        Recording(String name, List<String> handled, Handler onEvent) {
            this.name = name;
            this.handled = handled;
            this.onEvent = onEvent;
        }

        @Override
        public ConsumerSpec<AppChanged> spec() {
            return ConsumerSpec.durable(name, ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class);
        }

        @Override
        public void handle(AppChanged event) throws Exception {
            onEvent.accept(event.eventId());
            handled.add(event.eventId());
        }

        EventConsumer<AppChanged> broadcast() {
            return broadcast(QUICK, 5);
        }

        EventConsumer<AppChanged> broadcast(Backoff backoff, int deliveries) {
            Recording self = this;
            return new EventConsumer<>() {
                @Override
                public ConsumerSpec<AppChanged> spec() {
                    return ConsumerSpec.broadcast(name, ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class)
                            .backoff(backoff)
                            .maxDeliveries(deliveries);
                }

                @Override
                public void handle(AppChanged event) throws Exception {
                    self.handle(event);
                }
            };
        }
    }

    protected Connection connect() throws Exception {
        Connection connection = NatsConnector.connect(testNats.url(), "consumers-it");
        connections.add(connection);
        return connection;
    }

    /** Starts {@code consumer} as an instance of its own, on a connection of its own, for service auth. */
    protected RunningConsumer start(EventConsumer<?> consumer) throws Exception {
        RunningConsumer running = new Consumers(connect(), testNats.root(), ServiceName.AUTH, meters).start(consumer);
        started.add(running);
        return running;
    }

    protected RunningConsumer start(WorkConsumer<?> consumer) throws Exception {
        RunningConsumer running =
                new Consumers(connect(), testNats.root(), ServiceName.SCHEDULER, meters).start(consumer);
        started.add(running);
        return running;
    }

    protected void publish(String eventId) {
        events.publish(
                DeploySubjects.appEvent(AppChanged.Change.DEPLOYED),
                new AppChanged(eventId, AppChanged.Change.DEPLOYED, "app_1", List.of("shop"), 1, Instant.now()),
                eventId);
    }

    protected String declareWorkStream(String subject) throws Exception {
        String stream = testNats.root().value().toUpperCase() + "_WORK_TEST";
        jsm().addStream(StreamConfiguration.builder()
                .name(stream)
                .subjects(testNats.root().qualify(subject))
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.Memory)
                .build());
        return stream;
    }

    protected JetStreamManagement jsm() throws Exception {
        return nats.jetStreamManagement();
    }

    protected ConsumerInfo info(String consumer) throws Exception {
        return jsm().getConsumerInfo(testNats.root().eventStream(ServiceName.DEPLOY), consumer);
    }

    protected long deadLetters() {
        try {
            return jsm().getStreamInfo(DeadLetters.stream(testNats.root()))
                    .getStreamState()
                    .getMsgCount();
        } catch (Exception e) {
            return 0; // not declared before the first dead letter
        }
    }

    protected double count(String meter, String consumer) {
        var counter = meters.find(meter).tag("consumer", consumer).counter();
        return counter == null ? 0 : counter.count();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
