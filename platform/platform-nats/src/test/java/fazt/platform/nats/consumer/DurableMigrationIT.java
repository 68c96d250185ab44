package fazt.platform.nats.consumer;

import static fazt.platform.nats.consumer.ConsumerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.EventStreams;
import fazt.platform.nats.NatsConnector;
import fazt.platform.test.TestNats;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Existing installs keep their durable consumers as the code before ADR 25 made them. The new code takes each over
 * without losing an event: auth's push consumer {@code auth-app-login} (queue group, deliver all) is replaced by a
 * pull consumer resuming after its ack floor; the scheduler's pull consumer {@code scheduler-app-changes} (deliver
 * new) is updated in place and keeps where it started.
 */
class DurableMigrationIT {
    private TestNats testNats;
    private Connection nats;
    private Connection upgraded;
    private EventPublisher events;
    private RunningConsumer consumer;

    @BeforeEach
    void start() throws Exception {
        testNats = TestNats.fresh();
        nats = NatsConnector.connect(testNats.url(), "old-code");
        upgraded = NatsConnector.connect(testNats.url(), "new-code");
        events = new EventPublisher(nats, testNats.root());
        EventStreams.declare(nats, testNats.root(), ServiceName.DEPLOY);
    }

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.stop(Duration.ofSeconds(5));
        }
        upgraded.close();
        nats.close();
        testNats.close();
    }

    @Test
    void thePushConsumerOfTheOldAuthCodeIsReplacedAndEveryEventItHadNotAcknowledgedIsHandled() throws Exception {
        String stream = testNats.root().eventStream(ServiceName.DEPLOY);
        String subject = testNats.root().qualify(DeploySubjects.APP_EVENTS);
        // What auth-svc's AppChangesConsumer did before: a durable push consumer with a deliver group.
        List<String> oldHandled = new CopyOnWriteArrayList<>();
        Dispatcher dispatcher = nats.createDispatcher();
        JetStreamSubscription old = nats.jetStream()
                .subscribe(
                        subject,
                        "auth-app-login",
                        dispatcher,
                        message -> {
                            String id = MessageCodec.INSTANCE
                                    .decode(message.getData(), AppChanged.class)
                                    .eventId();
                            oldHandled.add(id);
                            if (id.equals("e_1")) {
                                message.ack(); // e_2 arrives but the old instance stops before acknowledging it
                            }
                        },
                        false,
                        PushSubscribeOptions.builder().stream(stream)
                                .durable("auth-app-login")
                                .deliverGroup("auth-app-login")
                                .configuration(ConsumerConfiguration.builder()
                                        .ackPolicy(AckPolicy.Explicit)
                                        .deliverPolicy(DeliverPolicy.All)
                                        .ackWait(Duration.ofSeconds(30))
                                        .build())
                                .build());
        publish("e_1");
        publish("e_2");
        await("the old code received both", () -> oldHandled.size() == 2);
        await(
                "and acknowledged the first",
                () -> info("auth-app-login").getAckFloor().getStreamSequence() == 1);
        nats.closeDispatcher(dispatcher); // the old instance stops
        assertThat(old.getConsumerName()).isEqualTo("auth-app-login");
        assertThat(info("auth-app-login").getConsumerConfiguration().getDeliverSubject())
                .isNotNull();
        publish("e_3"); // while no instance runs

        List<String> handled = new CopyOnWriteArrayList<>();
        consumer = new Consumers(upgraded, testNats.root(), ServiceName.AUTH, new SimpleMeterRegistry())
                .start(recording("auth-app-login", handled, false));

        await("the unacknowledged and the new event handled", () -> handled.size() == 2);
        publish("e_4");
        await("and what follows", () -> handled.size() == 3);
        assertThat(handled)
                .as("e_1 was acknowledged by the old code and is not handled again")
                .containsExactly("e_2", "e_3", "e_4");
        ConsumerInfo now = info("auth-app-login");
        assertThat(now.getConsumerConfiguration().getDeliverSubject())
                .as("a pull consumer now")
                .isNull();
        await(
                "everything acknowledged",
                () -> info("auth-app-login").getNumAckPending() == 0
                        && info("auth-app-login").getNumPending() == 0);
    }

    @Test
    void thePullConsumerOfTheOldSchedulerCodeIsUpdatedInPlaceAndKeepsStartingWithNewEvents() throws Exception {
        String stream = testNats.root().eventStream(ServiceName.DEPLOY);
        String subject = testNats.root().qualify(DeploySubjects.APP_EVENTS);
        publish("e_before"); // older than the consumer: the scheduler's full sync covers it
        // What scheduler-svc's AppChangesConsumer did before: a durable pull consumer delivering new events only.
        nats.jetStreamManagement()
                .addOrUpdateConsumer(
                        stream,
                        ConsumerConfiguration.builder()
                                .durable("scheduler-app-changes")
                                .filterSubject(subject)
                                .deliverPolicy(DeliverPolicy.New)
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(Duration.ofSeconds(30))
                                .build());
        nats.jetStream().subscribe(subject, PullSubscribeOptions.bind(stream, "scheduler-app-changes"));
        publish("e_after");
        long created =
                info("scheduler-app-changes").getCreationTime().toInstant().toEpochMilli();

        List<String> handled = new CopyOnWriteArrayList<>();
        consumer = new Consumers(upgraded, testNats.root(), ServiceName.SCHEDULER, new SimpleMeterRegistry())
                .start(recording("scheduler-app-changes", handled, true));

        await("the event after the consumer's creation handled", () -> handled.size() == 1);
        publish("e_next");
        await("and the next", () -> handled.size() == 2);
        assertThat(handled).containsExactly("e_after", "e_next");
        ConsumerInfo now = info("scheduler-app-changes");
        assertThat(now.getCreationTime().toInstant().toEpochMilli())
                .as("the same consumer")
                .isEqualTo(created);
        assertThat(now.getConsumerConfiguration().getDeliverPolicy()).isEqualTo(DeliverPolicy.New);
        assertThat(now.getConsumerConfiguration().getMaxDeliver())
                .as("updated to the new settings")
                .isEqualTo(-1);
    }

    private static EventConsumer<AppChanged> recording(String name, List<String> handled, boolean newOnly) {
        return new EventConsumer<>() {
            @Override
            public ConsumerSpec<AppChanged> spec() {
                ConsumerSpec<AppChanged> spec =
                        ConsumerSpec.durable(name, ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class);
                return newOnly ? spec.startingWithNewMessages() : spec;
            }

            @Override
            public void handle(AppChanged event) {
                handled.add(event.eventId());
            }
        };
    }

    private void publish(String eventId) {
        events.publish(
                DeploySubjects.appEvent(AppChanged.Change.DELETED),
                new AppChanged(eventId, AppChanged.Change.DELETED, "app_1", List.of("shop"), 1, Instant.now()),
                eventId);
    }

    private ConsumerInfo info(String consumer) throws Exception {
        return nats.jetStreamManagement().getConsumerInfo(testNats.root().eventStream(ServiceName.DEPLOY), consumer);
    }
}
