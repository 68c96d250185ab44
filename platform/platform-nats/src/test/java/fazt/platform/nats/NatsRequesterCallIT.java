package fazt.platform.nats;

import static fazt.platform.nats.ServiceEndpointsIT.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.test.TestNats;
import fazt.proto.ServiceName;
import fazt.proto.health.HealthCheckRequest;
import fazt.proto.health.HealthReport;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link NatsRequester#call} against a real NATS server: the reply, and each {@link CallFailure}. */
class NatsRequesterCallIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final CountDownLatch release = new CountDownLatch(1);
    private TestNats testNats;
    private Connection nats;
    private ServiceEndpoints endpoints;
    private NatsRequester requester;

    @BeforeEach
    void start() throws Exception {
        testNats = TestNats.fresh();
        nats = NatsConnector.connect(testNats.url(), "test");
        requester = new NatsRequester(nats, testNats.root());
        endpoints = ServiceEndpoints.start(
                nats,
                testNats.root(),
                ServiceName.DEPLOY,
                "1.2.3",
                "host:1",
                List.of(
                        endpoint(
                                "svc.deploy.echo",
                                request -> new HealthReport(
                                        "deploy",
                                        "host:1",
                                        "1.2.3",
                                        "UP",
                                        Map.of(
                                                "asked-by",
                                                request.body(HealthCheckRequest.class)
                                                        .caller()),
                                        Instant.EPOCH)),
                        endpoint("svc.deploy.fail", request -> {
                            throw new ProblemException(Problem.of(
                                    409, "deploy/hostname-taken", "Hostname already in use", "shop is taken"));
                        }),
                        endpoint("svc.deploy.silent", request -> {
                            release.await();
                            return null;
                        }),
                        endpoint(
                                "svc.deploy.forward",
                                request -> requester.call(
                                        "svc.deploy.fail",
                                        new HealthCheckRequest("forward"),
                                        HealthReport.class,
                                        TIMEOUT))));
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        endpoints.close();
        nats.close();
        testNats.close();
    }

    @Test
    void returnsTheDecodedReply() {
        HealthReport report =
                requester.call("svc.deploy.echo", new HealthCheckRequest("it"), HealthReport.class, TIMEOUT);
        assertThat(report.checks()).containsEntry("asked-by", "it");
    }

    @Test
    void aProblemReplyIsAProblemFailureCarryingTheProblem() {
        assertThatThrownBy(() ->
                        requester.call("svc.deploy.fail", new HealthCheckRequest("it"), HealthReport.class, TIMEOUT))
                .isInstanceOfSatisfying(CallFailure.Problem.class, e -> {
                    assertThat(e.subject()).isEqualTo("svc.deploy.fail");
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().type()).isEqualTo("https://errors.fazt.dev/deploy/hostname-taken");
                    assertThat(e.problem().detail()).isEqualTo("shop is taken");
                });
    }

    @Test
    void aProblemFailureLeftUncaughtInAnEndpointIsAnsweredAsThatProblem() {
        assertThatThrownBy(() ->
                        requester.call("svc.deploy.forward", new HealthCheckRequest("it"), HealthReport.class, TIMEOUT))
                .isInstanceOfSatisfying(CallFailure.Problem.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().detail()).isEqualTo("shop is taken");
                });
    }

    @Test
    void noListenerIsNoResponders() {
        assertThatThrownBy(() ->
                        requester.call("svc.mail.health", new HealthCheckRequest("it"), HealthReport.class, TIMEOUT))
                .isInstanceOfSatisfying(CallFailure.NoResponders.class, e -> assertThat(e.subject())
                        .isEqualTo("svc.mail.health"));
    }

    @Test
    void aListenerThatNeverAnswersIsNoAnswerAfterTheTimeout() {
        Duration shortTimeout = Duration.ofMillis(300);
        assertThatThrownBy(() -> requester.call(
                        "svc.deploy.silent", new HealthCheckRequest("it"), HealthReport.class, shortTimeout))
                .isInstanceOfSatisfying(
                        CallFailure.NoAnswer.class, e -> assertThat(e.timeout()).isEqualTo(shortTimeout));
    }

    @Test
    void anInterruptedCallerGetsInterruptedWithItsFlagSetAgain() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> requester.call(
                            "svc.deploy.silent", new HealthCheckRequest("it"), HealthReport.class, TIMEOUT))
                    .isInstanceOf(CallFailure.Interrupted.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void awaitingAByteReplyFailsAsCallDoes() {
        var reply = requester.requestForBytes("svc.deploy.echo", new HealthCheckRequest("bytes"), TIMEOUT);
        Message echoed = NatsRequester.await("svc.deploy.echo", TIMEOUT, reply);
        assertThat(new String(echoed.getData(), StandardCharsets.UTF_8)).contains("bytes");
        var refused = requester.requestForBytes("svc.deploy.fail", new HealthCheckRequest("it"), TIMEOUT);
        assertThatThrownBy(() -> NatsRequester.await("svc.deploy.fail", TIMEOUT, refused))
                .isInstanceOfSatisfying(
                        CallFailure.Problem.class,
                        e -> assertThat(e.problem().status()).isEqualTo(409));
    }
}
