package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.test.TestNats;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import io.nats.client.Connection;
import io.nats.client.api.MessageInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** {@link EventPublisher} against a real NATS server: what the stream stores, de-duplication, the one failure. */
class EventPublisherIT {
    private static final AppChanged EVENT = new AppChanged(
            "e_1", AppChanged.Change.DEPLOYED, "app_1", List.of("shop"), 3, Instant.parse("2026-01-02T03:04:05Z"));
    private TestNats testNats;
    private Connection nats;
    private EventPublisher events;

    @BeforeEach
    void start() throws Exception {
        testNats = TestNats.fresh();
        nats = NatsConnector.connect(testNats.url(), "test");
        events = new EventPublisher(nats, testNats.root());
    }

    @AfterEach
    void stop() throws Exception {
        MDC.clear();
        nats.close();
        testNats.close();
    }

    @Test
    void storesTheEncodedRecordWithTypeIdAndTraceHeaders() throws Exception {
        EventStreams.declare(nats, testNats.root(), ServiceName.DEPLOY);
        MDC.put(TraceContext.MDC_TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");

        events.publish(DeploySubjects.appEvent(AppChanged.Change.DEPLOYED), EVENT, EVENT.eventId());

        MessageInfo stored = lastStored();
        assertThat(stored.getSubject()).isEqualTo(testNats.root().qualify("evt.deploy.app.deployed"));
        assertThat(MessageCodec.INSTANCE.decode(stored.getData(), AppChanged.class))
                .isEqualTo(EVENT);
        assertThat(stored.getHeaders().getFirst(FaztHeaders.TYPE)).isEqualTo("deploy.app_changed.v1");
        assertThat(stored.getHeaders().getFirst(FaztHeaders.MSG_ID)).isEqualTo("e_1");
        assertThat(TraceContext.parse(stored.getHeaders().getFirst(FaztHeaders.TRACEPARENT)))
                .hasValueSatisfying(trace -> assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void storesAnEventPublishedTwiceWithTheSameIdOnce() throws Exception {
        EventStreams.declare(nats, testNats.root(), ServiceName.DEPLOY);

        events.publish(DeploySubjects.appEvent(AppChanged.Change.DEPLOYED), EVENT, EVENT.eventId());
        events.publish(DeploySubjects.appEvent(AppChanged.Change.DEPLOYED), EVENT, EVENT.eventId());

        assertThat(nats.jetStreamManagement()
                        .getStreamInfo(streamName())
                        .getStreamState()
                        .getMsgCount())
                .isEqualTo(1);
    }

    @Test
    void failsOnceNamingSubjectAndIdWhenNoStreamCapturesTheSubject() {
        assertThatThrownBy(() -> events.publish(DeploySubjects.appEvent(AppChanged.Change.DELETED), EVENT, "e_2"))
                .isInstanceOfSatisfying(EventPublisher.EventNotPublished.class, e -> {
                    assertThat(e.subject()).isEqualTo("evt.deploy.app.deleted");
                    assertThat(e.eventId()).isEqualTo("e_2");
                    assertThat(e).hasMessageStartingWith("event e_2 not published on evt.deploy.app.deleted");
                });
    }

    @Test
    void failsOnceWhenTheConnectionIsClosed() throws Exception {
        EventStreams.declare(nats, testNats.root(), ServiceName.DEPLOY);
        nats.close();

        assertThatThrownBy(() -> events.publish(DeploySubjects.appEvent(AppChanged.Change.DEPLOYED), EVENT, "e_3"))
                .isInstanceOf(EventPublisher.EventNotPublished.class);
    }

    private MessageInfo lastStored() throws Exception {
        return nats.jetStreamManagement()
                .getLastMessage(streamName(), testNats.root().qualify("evt.deploy.app.deployed"));
    }

    private String streamName() {
        return testNats.root().eventStream(ServiceName.DEPLOY);
    }
}
