package fazt.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.RemoteCall;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.DeployStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.scheduler.AsyncEnqueueRequest;
import fazt.proto.scheduler.EmailEnqueueRequest;
import fazt.proto.scheduler.HookReceiveRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.SchedulerSubjects;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * scheduler-svc from outside, over real NATS and PostgreSQL, with <em>two</em> scheduler instances sharing one
 * database and work queue; deploy-svc and runtime-svc are played by stand-ins on their real subjects. Started once
 * per test class ({@code @RegisterExtension static final SchedulerFixture scheduler = new SchedulerFixture();});
 * the methods are the calls the gateway and deploy-svc make, plus waits on what the scheduler records.
 */
final class SchedulerFixture implements BeforeAllCallback, AfterAllCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Principal ADMIN = new Principal("u_admin", "admin", List.of(Principal.ADMIN));

    private final TestSuite suite = TestSuite.of(new SchedulerService(), new SchedulerService());
    private final SuiteConnection connection = new SuiteConnection(suite);
    /** Per app id: what the runtime does; default ok. */
    private final Map<String, RuntimeStandIn.Behaviour> behaviours = new ConcurrentHashMap<>();

    private Function<InvokeRequest, RuntimeStandIn.Behaviour> handler =
            request -> behaviours.getOrDefault(request.appId(), RuntimeStandIn.Behaviour.ok());
    private DeployStandIn deploy;
    private RuntimeStandIn runtime;

    /** Runs {@code observer} on every invocation before the runtime stand-in answers (call before the first test). */
    SchedulerFixture observingInvocations(Consumer<InvokeRequest> observer) {
        Function<InvokeRequest, RuntimeStandIn.Behaviour> answer = handler;
        handler = request -> {
            observer.accept(request);
            return answer.apply(request);
        };
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        connection.beforeAll(context);
        deploy = DeployStandIn.start(connection.nats(), suite.nats().root());
        restartRuntime("rt-1");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (runtime != null) {
                runtime.close();
            }
            if (deploy != null) {
                deploy.close();
            }
        } finally {
            connection.afterAll(context);
        }
    }

    TestSuite suite() {
        return suite;
    }

    Connection nats() {
        return connection.nats();
    }

    DeployStandIn deploy() {
        return deploy;
    }

    /**
     * An app with server code whose {@code fazt.json} has {@code schedules} and this run policy, declares every path
     * under {@code /api/} async ({@code "async": ["**"]}) and leaves the intake limits at their defaults.
     */
    static TriggersReply.AppTriggers app(
            String appId,
            String name,
            List<TriggersReply.Schedule> schedules,
            int attempts,
            long backoffMillis,
            int concurrency) {
        return new TriggersReply.AppTriggers(
                appId,
                name,
                1,
                schedules,
                attempts,
                backoffMillis,
                concurrency,
                5_000,
                List.of("**"),
                null,
                null,
                null);
    }

    /** An app declaring only the {@code async} patterns given, with the given intake limits (null: the default). */
    static TriggersReply.AppTriggers withIntake(
            String appId, String name, List<String> async, Integer perMinute, Integer burst, Long maxStoredBytes) {
        return new TriggersReply.AppTriggers(
                appId, name, 1, List.of(), 3, 1_000, 4, 5_000, async, perMinute, burst, maxStoredBytes);
    }

    /** The runtime stand-in that answers now. */
    RuntimeStandIn runtime() {
        return runtime;
    }

    /** A runtime stand-in on a connection of its own that answers as {@code answer} says. */
    RuntimeStandIn startRuntime(String instance, Function<InvokeRequest, RuntimeStandIn.Behaviour> answer)
            throws Exception {
        return new RuntimeStandIn(suite.nats().connect(), suite.nats().root(), instance, answer);
    }

    /** Stops the runtime stand-in, as a crash of the last runtime instance would. */
    void stopRuntime() throws InterruptedException {
        runtime.close();
        runtime = null;
    }

    /** Starts a runtime stand-in that answers as each app's {@link #behave} says; {@link #runtime()} returns it. */
    void restartRuntime(String instance) throws Exception {
        runtime = startRuntime(instance, handler);
    }

    /** What the runtime stand-in does with the app's invocations from now on. */
    void behave(String appId, RuntimeStandIn.Behaviour behaviour) {
        behaviours.put(appId, behaviour);
    }

    /** An async run as the gateway enqueues it (with hop-by-hop and credential headers the run must not keep). */
    RunAccepted enqueue(String appId, String name, String path, String body) {
        return RemoteCall.await(connection
                .requester()
                .request(
                        SchedulerSubjects.ASYNC_ENQUEUE,
                        new AsyncEnqueueRequest(
                                appId,
                                name,
                                "post",
                                "https://" + name + ".localhost" + path,
                                List.of(
                                        new HttpHeader("Content-Type", "application/json"),
                                        new HttpHeader("Connection", "keep-alive"),
                                        new HttpHeader("Authorization", "Bearer t0ken"),
                                        new HttpHeader("Cookie", "fazt_app=s3ssion")),
                                body.getBytes(StandardCharsets.UTF_8),
                                "192.0.2.1"),
                        RunAccepted.class,
                        TIMEOUT));
    }

    /** mail-svc's request to run the app's email handler for stored message {@code messageId}. */
    CompletableFuture<RunAccepted> emailAsync(String appId, String name, String messageId) {
        return connection
                .requester()
                .request(
                        SchedulerSubjects.EMAIL_ENQUEUE,
                        new EmailEnqueueRequest(
                                appId, name, messageId, "alice@example.com", "support@example.org", 1234, "Hello"),
                        RunAccepted.class,
                        TIMEOUT);
    }

    RunAccepted email(String appId, String name, String messageId) {
        return RemoteCall.await(emailAsync(appId, name, messageId));
    }

    /** A webhook delivery to app {@code hooked}'s host, body "Hello, World!", signed with {@code signature}. */
    CompletableFuture<RunAccepted> deliverAsync(String appId, String hookId, String signature) {
        return connection
                .requester()
                .request(
                        SchedulerSubjects.HOOK_RECEIVE,
                        new HookReceiveRequest(
                                appId,
                                "hooked",
                                hookId,
                                "POST",
                                "https://hooked.localhost/_fazt/hooks/" + hookId,
                                List.of(new HttpHeader("X-Hub-Signature-256", signature)),
                                "Hello, World!".getBytes(StandardCharsets.UTF_8),
                                "192.0.2.1"),
                        RunAccepted.class,
                        TIMEOUT);
    }

    RunAccepted deliver(String appId, String hookId, String signature) {
        return RemoteCall.await(deliverAsync(appId, hookId, signature));
    }

    NatsRequester requester() {
        return connection.requester();
    }

    AdminResponse admin(String method, String path, Map<String, List<String>> query, String body) {
        return admin(ADMIN, method, path, query, body);
    }

    /** An admin API call as the gateway forwards it for {@code who}; a refusal is thrown as its problem. */
    AdminResponse admin(Principal who, String method, String path, Map<String, List<String>> query, String body) {
        assertThat(AdminApi.TABLE.ownerOf(path)).isEqualTo(ServiceName.SCHEDULER);
        return RemoteCall.await(connection
                .requester()
                .request(
                        AdminSubjects.of(ServiceName.SCHEDULER),
                        new AdminRequest(
                                method,
                                path,
                                query,
                                suite.sign(who),
                                body == null ? null : "application/json",
                                body,
                                null,
                                "req-it"),
                        AdminResponse.class,
                        TIMEOUT));
    }

    static JsonNode json(AdminResponse response) {
        try {
            return MessageCodec.INSTANCE.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The run's detail (run, attempts, payload) once its status is {@code status}; fails after 30 s. */
    JsonNode waitForStatus(String runId, String status) throws InterruptedException {
        JsonNode[] last = new JsonNode[1];
        waitFor(
                () -> {
                    last[0] = json(admin("GET", "/runs/" + runId, Map.of(), null));
                    return last[0].path("run").path("status").asText().equals(status);
                },
                Duration.ofSeconds(30));
        return last[0];
    }

    /** Waits until the app event reached a scheduler: its schedules answer shows the app's policy. */
    void waitForPolicy(String name) throws InterruptedException {
        waitFor(
                () -> {
                    try {
                        return json(admin("GET", "/apps/" + name + "/schedules", Map.of(), null))
                                .path("policy")
                                .isObject();
                    } catch (RuntimeException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(10));
    }

    static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
