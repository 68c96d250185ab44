package fazt.platform.nats.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A broadcast consumer against a real NATS server: every instance handles every event, and a handler that keeps
 * failing is retried, dead-lettered, and the consumer goes on.
 */
class BroadcastConsumersIT extends ConsumerHarness {
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
        assertThat(count("fazt.nats.consumer.acked", "test-broadcast")).isEqualTo(6);
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
        assertThat(count("fazt.nats.consumer.dead_lettered", "test-broadcast-dlq"))
                .isEqualTo(1);
    }
}
