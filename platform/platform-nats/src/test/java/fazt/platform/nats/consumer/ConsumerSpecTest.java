package fazt.platform.nats.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.deploy.AppChanged;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults per kind (ADR 25) and what a spec refuses. */
class ConsumerSpecTest {
    @Test
    void aDurableConsumerReadsTheOwnersEventStreamOneAtATimeAndGivesUpAfterTwentyDeliveries() {
        ConsumerSpec<AppChanged> spec =
                ConsumerSpec.durable("auth-app-login", ServiceName.DEPLOY, "evt.deploy.app.>", AppChanged.class);
        assertThat(spec.stream().apply(new SubjectRoot("fazt"))).isEqualTo("FAZT_EVT_DEPLOY");
        assertThat(spec.inFlight()).isEqualTo(1);
        assertThat(spec.maxDeliveries()).isEqualTo(20);
        assertThat(spec.fromStart()).isTrue();
        assertThat(spec.startingWithNewMessages().fromStart()).isFalse();
        assertThat(spec.backoff().after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.backoff().after(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(spec.backoff().after(20)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aWorkQueueRunsSixteenJobsAndRetriesForEver() {
        ConsumerSpec<String> spec =
                ConsumerSpec.workQueue("scheduler-runs", root -> "W", "work.scheduler.run", String.class);
        assertThat(spec.inFlight()).isEqualTo(16);
        assertThat(spec.maxDeliveries()).isZero();
        assertThat(spec.inFlight(32).maxAckPending()).isGreaterThanOrEqualTo(32);
    }

    @Test
    void aNameMustBeOneLowerCaseSubjectToken() {
        assertThatThrownBy(() ->
                        ConsumerSpec.durable("Auth.login", ServiceName.DEPLOY, "evt.deploy.app.>", AppChanged.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Auth.login");
    }

    @Test
    void eventsAreHandledOneAtATime() {
        ConsumerSpec<AppChanged> spec = ConsumerSpec.broadcast(
                "gateway-site-changes", ServiceName.DEPLOY, "evt.deploy.app.>", AppChanged.class);
        assertThatThrownBy(() -> spec.inFlight(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBackoffNeedsAPositiveFirstWaitNoLongerThanItsLongest() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Backoff.fixed(Duration.ofSeconds(5)).after(9)).isEqualTo(Duration.ofSeconds(5));
    }
}
