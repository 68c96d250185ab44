package fazt.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.runtime.RuntimeService;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * runtime-svc alone over real NATS and JetStream, for the observability admin API: publishes log lines and invocation
 * records on the app subjects as the engine does, and calls {@code svc.runtime.admin} as the gateway forwards the
 * calls. A small responder stands in for deploy-svc's {@code svc.deploy.site.get}, which only maps names to app ids
 * here ({@code silent-directory} never answers, as a deploy-svc that hangs). One per test class.
 */
final class ObserveFixture implements BeforeAllCallback, AfterAllCallback {
    static final Principal READER = new Principal("u1", "reader", List.of("read"));

    private final TestSuite suite = TestSuite.of(new RuntimeService());
    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private Connection nats;
    private JetStream js;
    private SubjectRoot root;
    private NatsRequester requester;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        suite.beforeAll(context);
        nats = suite.nats().connect();
        js = nats.jetStream();
        root = suite.nats().root();
        requester = new NatsRequester(nats, root);
        Dispatcher sites = nats.createDispatcher(message -> {
            SiteRequest request = MessageCodec.INSTANCE.decode(message.getData(), SiteRequest.class);
            if (request.name().equals("silent-directory")) {
                return; // as a deploy-svc that hangs
            }
            String id = apps.get(request.name());
            SiteReply reply = id == null
                    ? SiteReply.notFound()
                    : new SiteReply(
                            true,
                            id,
                            request.name(),
                            1,
                            "site/" + id + "/x",
                            null,
                            List.of(),
                            List.of(),
                            Instant.now(),
                            true);
            nats.publish(message.getReplyTo(), MessageCodec.INSTANCE.encode(reply));
        });
        sites.subscribe(root.qualify(DeploySubjects.SITE_GET));
        nats.flush(Duration.ofSeconds(2));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            nats.close();
        } finally {
            suite.afterAll(context);
        }
    }

    TestSuite suite() {
        return suite;
    }

    Connection nats() {
        return nats;
    }

    SubjectRoot root() {
        return root;
    }

    NatsRequester requester() {
        return requester;
    }

    /** Registers an app name with a fresh id in the stand-in for deploy-svc. */
    String app(String name) {
        String id = "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        apps.put(name, id);
        return id;
    }

    void log(String appId, String level, String message) throws Exception {
        js.publish(
                root.qualify(RuntimeSubjects.appLog(appId)),
                MessageCodec.INSTANCE.encode(
                        new AppLogLine(appId, Instant.now(), level, message, "req-" + message, "runtime-test:1")));
    }

    void invocation(String appId, String path, int status, long ms, boolean cold, String error) throws Exception {
        js.publish(
                root.qualify(RuntimeSubjects.invocations(appId)),
                MessageCodec.INSTANCE.encode(new InvocationRecord(
                        appId,
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        "http",
                        "GET",
                        path,
                        status,
                        ms,
                        cold,
                        "runtime-test:1",
                        error)));
    }

    JsonNode ok(String app, String action, Map<String, String> query) throws Exception {
        return call(app, action, query, READER);
    }

    JsonNode call(String app, String action, Map<String, String> query, Principal who) throws Exception {
        Map<String, List<String>> params = new HashMap<>();
        query.forEach((k, v) -> params.put(k, List.of(v)));
        AdminResponse response = requester
                .request(
                        AdminSubjects.of(ServiceName.RUNTIME),
                        new AdminRequest(
                                "GET", "/apps/" + app + "/" + action, params, suite.sign(who), null, null, null, "r1"),
                        AdminResponse.class,
                        Duration.ofSeconds(20))
                .get();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    Problem problem(String app, String action, Map<String, String> query, Principal who) {
        Map<String, List<String>> params = new HashMap<>();
        query.forEach((k, v) -> params.put(k, List.of(v)));
        return problem(new AdminRequest(
                "GET", "/apps/" + app + "/" + action, params, suite.sign(who), null, null, null, "r2"));
    }

    Problem problem(AdminRequest request) {
        Throwable failure = catchThrowable(() -> requester
                .request(AdminSubjects.of(ServiceName.RUNTIME), request, AdminResponse.class, Duration.ofSeconds(20))
                .get());
        assertThat(failure)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(NatsRequester.RemoteProblemException.class);
        return ((NatsRequester.RemoteProblemException) failure.getCause()).problem();
    }

    static List<String> messages(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("lines").forEach(l -> out.add(l.path("message").asText()));
        return out;
    }

    static List<String> paths(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("requests").forEach(r -> out.add(r.path("path").asText()));
        return out;
    }
}
