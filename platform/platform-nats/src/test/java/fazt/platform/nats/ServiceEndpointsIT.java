package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.test.TestNats;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.health.HealthCheckRequest;
import fazt.proto.health.HealthReport;
import fazt.proto.health.HealthSubjects;
import fazt.proto.problem.Problem;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ServiceEndpoints and NatsRequester against a real NATS server, under a subject root of the test's own. */
class ServiceEndpointsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private TestNats testNats;
    private Connection nats;
    private ServiceEndpoints endpoints;

    @BeforeEach
    void start() throws Exception {
        testNats = TestNats.fresh();
        nats = NatsConnector.connect(testNats.url(), "test");
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoints != null) {
            endpoints.close();
        }
        nats.close();
        testNats.close();
    }

    private void serve(RequestEndpoint... handlers) {
        endpoints =
                ServiceEndpoints.start(nats, testNats.root(), ServiceName.DEPLOY, "1.2.3", "host:1", List.of(handlers));
    }

    /** An endpoint on {@code subject} answering with {@code handler} (also used by the other ITs of this package). */
    static RequestEndpoint endpoint(String subject, ThrowingHandler handler) {
        return new RequestEndpoint() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Object handle(IncomingRequest request) throws Exception {
                return handler.handle(request);
            }
        };
    }

    interface ThrowingHandler {
        Object handle(IncomingRequest request) throws Exception;
    }

    @Test
    void everyRequestIsTimedByEndpointAndOutcome() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        endpoints = ServiceEndpoints.start(
                nats,
                testNats.root(),
                ServiceName.DEPLOY,
                "1.2.3",
                "host:1",
                List.of(
                        endpoint("svc.deploy.app.get", request -> null),
                        endpoint("svc.deploy.app.taken", request -> {
                            throw new ProblemException(Problem.of(409, "deploy/hostname-taken", "Taken", null));
                        }),
                        endpoint("svc.deploy.app.boom", request -> {
                            throw new IllegalStateException("boom");
                        }),
                        endpoint(
                                "svc.deploy.app.raw",
                                request -> new RawReply(new byte[0], Map.of(FaztHeaders.SERVICE_ERROR_CODE, "503")))),
                new RequestMeters(registry));
        for (String subject : List.of(
                "svc.deploy.app.get",
                "svc.deploy.app.get",
                "svc.deploy.app.taken",
                "svc.deploy.app.boom",
                "svc.deploy.app.raw")) {
            nats.request(testNats.root().qualify(subject), new byte[0], TIMEOUT);
        }
        // The reply is sent before the request is recorded: wait for the last one with a deadline.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (registry.find(RequestMeters.NAME).timers().stream()
                                .mapToLong(t -> t.count())
                                .sum()
                        < 5
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count(registry, "app-get", "success")).isEqualTo(2);
        assertThat(count(registry, "app-taken", "client_error")).isEqualTo(1);
        assertThat(count(registry, "app-boom", "server_error")).isEqualTo(1);
        assertThat(count(registry, "app-raw", "server_error")).isEqualTo(1);
        // Every endpoint has its three outcomes from its first request on, so an error rate reads 0, not nothing.
        assertThat(registry.find(RequestMeters.NAME).timers()).hasSize(4 * 3);
    }

    private static long count(SimpleMeterRegistry registry, String endpoint, String outcome) {
        Timer timer = registry.find(RequestMeters.NAME)
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void requestReachesTheEndpointAndTheTypedReplyComesBack() throws Exception {
        serve(endpoint(HealthSubjects.of(ServiceName.DEPLOY), request -> {
            HealthCheckRequest body = request.body(HealthCheckRequest.class);
            return new HealthReport(
                    "deploy", "host:1", "1.2.3", "UP", Map.of("asked-by", body.caller()), Instant.EPOCH);
        }));
        HealthReport report = new NatsRequester(nats, testNats.root())
                .request(
                        HealthSubjects.of(ServiceName.DEPLOY),
                        new HealthCheckRequest("it"),
                        HealthReport.class,
                        TIMEOUT)
                .get();
        assertThat(report.checks()).containsEntry("asked-by", "it");
        assertThat(report.up()).isTrue();
    }

    @Test
    void anEveryInstanceEndpointIsAnsweredByEachInstanceAndAQueuedOneByOne() throws Exception {
        List<ServiceEndpoints> instances = new ArrayList<>();
        try {
            for (String instance : List.of("host:1", "host:2", "host:3")) {
                RequestEndpoint everyone = new RequestEndpoint() {
                    @Override
                    public String subject() {
                        return "svc.deploy.selfcheck";
                    }

                    @Override
                    public Object handle(IncomingRequest request) {
                        return new HealthReport("deploy", instance, "1.2.3", "UP", Map.of(), Instant.EPOCH);
                    }

                    @Override
                    public boolean everyInstance() {
                        return true;
                    }
                };
                RequestEndpoint queued = endpoint(
                        "svc.deploy.queued",
                        request -> new HealthReport("deploy", instance, "1.2.3", "UP", Map.of(), Instant.EPOCH));
                instances.add(ServiceEndpoints.start(
                        nats, testNats.root(), ServiceName.DEPLOY, "1.2.3", instance, List.of(everyone, queued)));
            }
            assertThat(answers("svc.deploy.selfcheck")).containsExactlyInAnyOrder("host:1", "host:2", "host:3");
            assertThat(answers("svc.deploy.queued")).hasSize(1);
        } finally {
            instances.forEach(ServiceEndpoints::close);
        }
    }

    /** The instances that answered one request on {@code subject} within two seconds. */
    private List<String> answers(String subject) throws Exception {
        String inbox = nats.createInbox();
        Subscription replies = nats.subscribe(inbox);
        nats.publish(
                testNats.root().qualify(subject), inbox, MessageCodec.INSTANCE.encode(new HealthCheckRequest("it")));
        List<String> instances = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Message reply = replies.nextMessage(Duration.ofNanos(left));
            if (reply == null) {
                break;
            }
            instances.add(MessageCodec.INSTANCE
                    .decode(reply.getData(), HealthReport.class)
                    .instance());
        }
        replies.unsubscribe();
        return instances;
    }

    @Test
    void problemExceptionTravelsAsAdr32ErrorWithProblemBody() throws Exception {
        serve(endpoint("svc.deploy.fail", request -> {
            throw new ProblemException(
                    Problem.of(409, "deploy/hostname-taken", "Hostname already in use", "shop is taken"));
        }));
        var future = new NatsRequester(nats, testNats.root())
                .request("svc.deploy.fail", new HealthCheckRequest("it"), HealthReport.class, TIMEOUT);
        assertThatThrownBy(future::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(NatsRequester.RemoteProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().type()).isEqualTo("https://errors.fazt.dev/deploy/hostname-taken");
                    assertThat(e.problem().detail()).isEqualTo("shop is taken");
                });
    }

    @Test
    void unexpectedFailureBecomes500WithErrorIdAndNoCauseText() throws Exception {
        serve(endpoint("svc.deploy.boom", request -> {
            throw new IllegalStateException("secret database password is hunter2");
        }));
        Message reply = nats.request(testNats.root().qualify("svc.deploy.boom"), new byte[0], TIMEOUT);
        assertThat(reply.getHeaders().getFirst(FaztHeaders.SERVICE_ERROR_CODE)).isEqualTo("500");
        String body = new String(reply.getData(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"errorId\"").doesNotContain("hunter2").doesNotContain("IllegalState");
    }

    @Test
    void malformedBodyIsA400NamingTheExpectedType() throws Exception {
        serve(endpoint("svc.deploy.echo", request -> request.body(HealthCheckRequest.class)));
        Message reply = nats.request(testNats.root().qualify("svc.deploy.echo"), "{not json".getBytes(), TIMEOUT);
        assertThat(reply.getHeaders().getFirst(FaztHeaders.SERVICE_ERROR_CODE)).isEqualTo("400");
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).contains("health.check.v1");
    }

    @Test
    void noResponderIsReportedAsSuch() {
        var future = new NatsRequester(nats, testNats.root())
                .request("svc.mail.health", new HealthCheckRequest("it"), HealthReport.class, TIMEOUT);
        assertThatThrownBy(future::get).cause().isInstanceOf(NatsRequester.NoResponderException.class);
    }

    @Test
    void srvPingListsTheInstanceWithItsRootInTheMetadata() throws Exception {
        serve(endpoint("svc.deploy.echo", request -> null));
        Message reply = nats.request("$SRV.INFO.deploy." + endpoints.id(), new byte[0], TIMEOUT);
        String info = new String(reply.getData(), StandardCharsets.UTF_8);
        assertThat(info)
                .contains("\"name\":\"deploy\"")
                .contains(testNats.root().value())
                .contains("\"queue_group\":\"deploy\"")
                .contains(testNats.root().qualify("svc.deploy.echo"));
    }

    @Test
    void eventStreamDeclarationIsIdempotent() throws Exception {
        EventStreams.declare(nats, testNats.root(), ServiceName.DEPLOY);
        EventStreams.declare(nats, testNats.root(), ServiceName.DEPLOY);
        var info = nats.jetStreamManagement().getStreamInfo(testNats.root().eventStream(ServiceName.DEPLOY));
        assertThat(info.getConfiguration().getSubjects())
                .containsExactly(testNats.root().eventStreamSubjects(ServiceName.DEPLOY));
    }
}
