package fazt.platform.nats.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.EventStreams;
import fazt.platform.nats.FaztHeaders;
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
import io.nats.client.api.MessageInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three consumer kinds against a real NATS server: ack after the handler, redelivery with backoff, the dead letter
 * after the last delivery, one group for durable consumers, every instance for broadcast ones, work in flight, stop.
 * Every wait polls with a deadline; none asserts on elapsed time.
 */
class ConsumersIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(20), Duration.ofMillis(80));

    private TestNats testNats;
    private Connection nats;
    private EventPublisher events;
    private final List<Connection> connections = new ArrayList<>();
    private final List<RunningConsumer> started = new ArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();

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

    @Test
    void aDurableConsumerAcknowledgesEachEventAfterItsHandlerReturned() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        start(new Recording("test-acks", handled, e -> {}));

        publish("e_1");
        publish("e_2");
        publish("e_3");

        await("three events handled", () -> handled.size() == 3);
        assertThat(handled).containsExactly("e_1", "e_2", "e_3");
        await("all acknowledged", () -> info("test-acks").getAckFloor().getStreamSequence() == 3);
        assertThat(info("test-acks").getNumAckPending()).isZero();
        assertThat(count("consumer.acked", "test-acks")).isEqualTo(3);
        assertThat(count("consumer.delivered", "test-acks")).isEqualTo(3);
    }

    @Test
    void aFailedEventIsDeliveredAgainUntilItsHandlerSucceeds() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        start(
                new Recording("test-retry", handled, e -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IllegalStateException("database away");
                    }
                }) {
                    @Override
                    public ConsumerSpec<AppChanged> spec() {
                        return super.spec().backoff(QUICK);
                    }
                });

        publish("e_1");

        await("handled on the third delivery", () -> handled.size() == 1);
        assertThat(calls.get()).isEqualTo(3);
        await("then acknowledged", () -> count("consumer.acked", "test-retry") == 1);
        assertThat(count("consumer.failed", "test-retry")).isEqualTo(2);
        assertThat(count("consumer.delivered", "test-retry")).isEqualTo(3);
        assertThat(count("consumer.dead_lettered", "test-retry")).isZero();
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredWithItsErrorAfterTheLastDelivery() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(
                new Recording("test-dlq", new CopyOnWriteArrayList<>(), e -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("never works");
                }) {
                    @Override
                    public ConsumerSpec<AppChanged> spec() {
                        return super.spec().backoff(QUICK).maxDeliveries(3);
                    }
                });

        publish("e_poison");
        publish("e_next"); // the dead letter must not hold up what follows

        await("both dead-lettered", () -> deadLetters() == 2);
        MessageInfo letter = jsm().getFirstMessage(
                        DeadLetters.stream(testNats.root()),
                        DeadLetters.subject(testNats.root(), ServiceName.AUTH, "test-dlq"));
        assertThat(letter.getSubject()).isEqualTo(testNats.root().qualify("dlq.auth.test-dlq"));
        assertThat(new String(letter.getData(), StandardCharsets.UTF_8)).contains("e_poison");
        assertThat(letter.getHeaders().getFirst(FaztHeaders.DEAD_LETTER_DELIVERIES))
                .isEqualTo("3");
        assertThat(letter.getHeaders().getFirst(FaztHeaders.DEAD_LETTER_CONSUMER))
                .isEqualTo("test-dlq");
        assertThat(letter.getHeaders().getFirst(FaztHeaders.DEAD_LETTER_SUBJECT))
                .isEqualTo(testNats.root().qualify("evt.deploy.app.deployed"));
        assertThat(letter.getHeaders().getFirst(FaztHeaders.DEAD_LETTER_ERROR))
                .isEqualTo("java.lang.IllegalStateException: never works");
        assertThat(letter.getHeaders().getFirst(FaztHeaders.TYPE)).isEqualTo("deploy.app_changed.v1");
        assertThat(calls.get()).isEqualTo(6);
        await(
                "nothing left pending",
                () -> info("test-dlq").getNumAckPending() == 0
                        && info("test-dlq").getNumPending() == 0);
        assertThat(count("consumer.dead_lettered", "test-dlq")).isEqualTo(2);
        assertThat(count("consumer.failed", "test-dlq")).isEqualTo(6);
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAtOnceAndReported() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> unreadable = new CopyOnWriteArrayList<>();
        start(new Recording("test-unreadable", handled, e -> {}) {
            @Override
            public void unreadable(String subject) {
                unreadable.add(subject);
            }
        });

        nats.jetStream()
                .publish(
                        testNats.root().qualify("evt.deploy.app.deployed"),
                        "not json".getBytes(StandardCharsets.UTF_8));
        publish("e_after");

        await("the next event handled", () -> handled.size() == 1);
        assertThat(handled).containsExactly("e_after");
        assertThat(unreadable).containsExactly(testNats.root().qualify("evt.deploy.app.deployed"));
        assertThat(deadLetters()).isEqualTo(1);
        MessageInfo letter = jsm().getFirstMessage(
                        DeadLetters.stream(testNats.root()),
                        DeadLetters.subject(testNats.root(), ServiceName.AUTH, "test-unreadable"));
        assertThat(letter.getHeaders().getFirst(FaztHeaders.DEAD_LETTER_DELIVERIES))
                .isEqualTo("1");
    }

    @Test
    void twoInstancesOfADurableConsumerHandleEachEventOnceBetweenThem() throws Exception {
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        start(new Recording("test-group", first, e -> handled.merge(e, 1, Integer::sum)));
        start(new Recording("test-group", second, e -> handled.merge(e, 1, Integer::sum)));

        for (int i = 0; i < 20; i++) {
            publish("e_" + i);
        }

        await("twenty events handled", () -> first.size() + second.size() == 20);
        assertThat(handled)
                .hasSize(20)
                .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    @Test
    void everyInstanceOfABroadcastConsumerHandlesEveryEvent() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        start(new Recording("test-broadcast", first, e -> {}).broadcast());
        start(new Recording("test-broadcast", second, e -> {}).broadcast());

        publish("e_1");
        publish("e_2");
        publish("e_3");

        await("both instances saw all three", () -> first.size() == 3 && second.size() == 3);
        assertThat(first).containsExactly("e_1", "e_2", "e_3");
        assertThat(second).containsExactly("e_1", "e_2", "e_3");
        assertThat(count("consumer.acked", "test-broadcast")).isEqualTo(6);
    }

    @Test
    void aBroadcastHandlerThatKeepsFailingIsRetriedThenDeadLetteredAndTheConsumerGoesOn() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger poisonCalls = new AtomicInteger();
        start(new Recording("test-broadcast-dlq", handled, e -> {
                    if (e.equals("e_poison")) {
                        poisonCalls.incrementAndGet();
                        throw new IllegalStateException("cannot drop");
                    }
                })
                .broadcast(QUICK, 3));

        publish("e_poison");
        publish("e_next");

        await("the next event handled", () -> handled.contains("e_next"));
        assertThat(poisonCalls.get()).isEqualTo(3);
        assertThat(deadLetters()).isEqualTo(1);
        assertThat(count("consumer.dead_lettered", "test-broadcast-dlq")).isEqualTo(1);
    }

    @Test
    void aStoppedDurableConsumerTakesNothingMoreAndTheGroupGoesOnWithoutIt() throws Exception {
        List<String> stopped = new CopyOnWriteArrayList<>();
        RunningConsumer first = start(new Recording("test-stop", stopped, e -> {}));
        publish("e_1");
        await("handled before the stop", () -> stopped.size() == 1);

        assertThat(first.stop(Duration.ofSeconds(10))).isTrue();
        publish("e_2");
        List<String> successor = new CopyOnWriteArrayList<>();
        start(new Recording("test-stop", successor, e -> {}));

        await("the successor took the next event", () -> successor.size() == 1);
        assertThat(successor).containsExactly("e_2");
        assertThat(stopped).containsExactly("e_1");
    }

    @Test
    void aWorkQueueRunsJobsSideBySideRetriesOnRequestAndEmptiesTheQueue() throws Exception {
        String subject = "work.scheduler.run";
        String stream = declareWorkStream(subject);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        List<String> done = new CopyOnWriteArrayList<>();
        start(new WorkConsumer<String>() {
            @Override
            public ConsumerSpec<String> spec() {
                return ConsumerSpec.workQueue("test-work", root -> stream, subject, String.class)
                        .inFlight(2);
            }

            @Override
            public Outcome handle(String job) throws Exception {
                int attempt = attempts.merge(job, 1, Integer::sum);
                if (attempt == 1) {
                    bothRunning.countDown();
                    if (!release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return Outcome.retryAfter(Duration.ofMillis(10));
                }
                done.add(job);
                return Outcome.done();
            }
        });

        nats.jetStream().publish(testNats.root().qualify(subject), "run_1".getBytes(StandardCharsets.UTF_8));
        nats.jetStream().publish(testNats.root().qualify(subject), "run_2".getBytes(StandardCharsets.UTF_8));

        assertThat(bothRunning.await(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .as("two jobs in flight at once")
                .isTrue();
        release.countDown();
        await("both done on their second attempt", () -> done.size() == 2);
        assertThat(done).containsExactlyInAnyOrder("run_1", "run_2");
        await(
                "the queue is empty",
                () -> jsm().getStreamInfo(stream).getStreamState().getMsgCount() == 0);
        assertThat(count("consumer.failed", "test-work")).isZero();
    }

    @Test
    void stopWaitsForAJobInFlightOnlyUntilItsDeadline() throws Exception {
        String subject = "work.scheduler.run";
        String stream = declareWorkStream(subject);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunningConsumer worker = start(new WorkConsumer<String>() {
            @Override
            public ConsumerSpec<String> spec() {
                return ConsumerSpec.workQueue("test-work-stop", root -> stream, subject, String.class);
            }

            @Override
            public Outcome handle(String job) throws Exception {
                running.countDown();
                release.await();
                return Outcome.done();
            }
        });
        nats.jetStream().publish(testNats.root().qualify(subject), "run_1".getBytes(StandardCharsets.UTF_8));
        assertThat(running.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(Duration.ofMillis(100))).as("a job still runs").isFalse();
        release.countDown();
        await(
                "the job finished after the stop and was acknowledged",
                () -> jsm().getStreamInfo(stream).getStreamState().getMsgCount() == 0);
    }

    // ---- helpers

    /** A durable (or broadcast) consumer of deploy's app events for service auth that records each event id. */
    private static class Recording implements EventConsumer<AppChanged> {
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

    private Connection connect() throws Exception {
        Connection connection = NatsConnector.connect(testNats.url(), "consumers-it");
        connections.add(connection);
        return connection;
    }

    /** Starts {@code consumer} as an instance of its own, on a connection of its own, for service auth. */
    private RunningConsumer start(EventConsumer<?> consumer) throws Exception {
        RunningConsumer running = new Consumers(connect(), testNats.root(), ServiceName.AUTH, meters).start(consumer);
        started.add(running);
        return running;
    }

    private RunningConsumer start(WorkConsumer<?> consumer) throws Exception {
        RunningConsumer running =
                new Consumers(connect(), testNats.root(), ServiceName.SCHEDULER, meters).start(consumer);
        started.add(running);
        return running;
    }

    private void publish(String eventId) {
        events.publish(
                DeploySubjects.appEvent(AppChanged.Change.DEPLOYED),
                new AppChanged(eventId, AppChanged.Change.DEPLOYED, "app_1", List.of("shop"), 1, Instant.now()),
                eventId);
    }

    private String declareWorkStream(String subject) throws Exception {
        String stream = testNats.root().value().toUpperCase() + "_WORK_TEST";
        jsm().addStream(StreamConfiguration.builder()
                .name(stream)
                .subjects(testNats.root().qualify(subject))
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.Memory)
                .build());
        return stream;
    }

    private JetStreamManagement jsm() throws Exception {
        return nats.jetStreamManagement();
    }

    private ConsumerInfo info(String consumer) throws Exception {
        return jsm().getConsumerInfo(testNats.root().eventStream(ServiceName.DEPLOY), consumer);
    }

    private long deadLetters() {
        try {
            return jsm().getStreamInfo(DeadLetters.stream(testNats.root()))
                    .getStreamState()
                    .getMsgCount();
        } catch (Exception e) {
            return 0; // not declared before the first dead letter
        }
    }

    private double count(String meter, String consumer) {
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
