package fazt.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.ServiceContext;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.DeployStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.scheduler.AsyncEnqueueRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.Runs;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scheduler that stops in the middle of a run loses nothing: the run's message was never acknowledged, so after the
 * ack wait the work queue hands it to the scheduler started next, which closes the interrupted attempt as lost and
 * runs it to success. The first attempt outlasts the grace a stopping scheduler gives the runs in flight (10 s, ADR
 * 25), so the stop interrupts it. Slow by nature (the ack wait is 30 s).
 */
class SchedulerRestartIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new SchedulerService());

    @Test
    void aRunInterruptedByASchedulerStopCompletesOnTheNextScheduler() throws Exception {
        Duration timeout = Duration.ofSeconds(10);
        try (Connection nats = suite.nats().connect();
                DeployStandIn deploy = DeployStandIn.start(nats, suite.nats().root());
                RuntimeStandIn runtime = new RuntimeStandIn(
                        suite.nats().connect(),
                        suite.nats().root(),
                        "rt-1",
                        r -> r.requestId().endsWith(".1")
                                ? RuntimeStandIn.Behaviour.slow(30_000)
                                : RuntimeStandIn.Behaviour.ok())) {
            NatsRequester requester = new NatsRequester(nats, suite.nats().root());
            deploy.deploy(new TriggersReply.AppTriggers(
                    "a_restart",
                    "restart",
                    1,
                    List.of(),
                    3,
                    1_000,
                    4,
                    60_000,
                    List.of("**"),
                    null,
                    null,
                    null)); // a run may take a minute: the stop, not a timeout, ends it
            Thread.sleep(1_000);
            RunAccepted run = requester
                    .request(
                            SchedulerSubjects.ASYNC_ENQUEUE,
                            new AsyncEnqueueRequest(
                                    "a_restart",
                                    "restart",
                                    "POST",
                                    "https://restart.localhost/api/job",
                                    List.of(),
                                    "{}".getBytes(StandardCharsets.UTF_8),
                                    null),
                            RunAccepted.class,
                            timeout)
                    .get();
            waitFor(() -> !runtime.of("a_restart").isEmpty(), Duration.ofSeconds(10));

            suite.stop(ServiceName.SCHEDULER);
            try (ServiceContext next = ServiceContext.start(new SchedulerService(), suite.env())) {
                waitFor(
                        () -> runtime.of("a_restart").stream()
                                .anyMatch(r -> r.requestId().endsWith(".2")),
                        Duration.ofSeconds(60));
                Principal admin = new Principal("u_admin", "admin", List.of(Principal.ADMIN));
                String[] status = new String[1];
                waitFor(
                        () -> {
                            try {
                                AdminResponse r = requester
                                        .request(
                                                AdminSubjects.of(ServiceName.SCHEDULER),
                                                new AdminRequest(
                                                        "GET",
                                                        "/runs/" + run.runId(),
                                                        Map.of(),
                                                        suite.sign(admin),
                                                        null,
                                                        null,
                                                        null,
                                                        "req-it"),
                                                AdminResponse.class,
                                                timeout)
                                        .get();
                                status[0] = MessageCodec.INSTANCE
                                        .mapper()
                                        .readTree(r.body())
                                        .path("run")
                                        .path("status")
                                        .asText();
                                return status[0].equals("succeeded");
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        Duration.ofSeconds(20));
                List<String> ids = runtime.of("a_restart").stream()
                        .map(InvokeRequest::requestId)
                        .toList();
                assertThat(ids).contains(run.runId() + ".1", run.runId() + ".2");

                // Retention: finished runs older than the cut-off are deleted with their attempts.
                assertThat(next.context()
                                .getBean(Runs.class)
                                .deleteFinishedBefore(Instant.now().minusSeconds(3_600)))
                        .isZero();
                assertThat(next.context()
                                .getBean(Runs.class)
                                .deleteFinishedBefore(Instant.now().plusSeconds(1)))
                        .isEqualTo(1);
                assertThat(next.context().getBean(Runs.class).find(run.runId())).isEmpty();
            }
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
