package fazt.platform.nats.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.FaztHeaders;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A durable consumer against a real NATS server: ack after the handler, redelivery with backoff, the dead letter
 * after the last delivery, an unreadable message, one group shared by two instances, and a stopped instance.
 */
class DurableConsumersIT extends ConsumerHarness {
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
        assertThat(count("fazt.nats.consumer.acked", "test-acks")).isEqualTo(3);
        assertThat(count("fazt.nats.consumer.delivered", "test-acks")).isEqualTo(3);
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
        await("then acknowledged", () -> count("fazt.nats.consumer.acked", "test-retry") == 1);
        assertThat(count("fazt.nats.consumer.failed", "test-retry")).isEqualTo(2);
        assertThat(count("fazt.nats.consumer.delivered", "test-retry")).isEqualTo(3);
        assertThat(count("fazt.nats.consumer.dead_lettered", "test-retry")).isZero();
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
        assertThat(count("fazt.nats.consumer.dead_lettered", "test-dlq")).isEqualTo(2);
        assertThat(count("fazt.nats.consumer.failed", "test-dlq")).isEqualTo(6);
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
}
