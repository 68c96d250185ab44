package fazt.runtime.engine;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.DeployStandIn;
import fazt.platform.test.standins.DeployStandIn.LiveApp;
import fazt.platform.test.standins.StorageStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.auth.AppUser;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.runtime.RuntimeService;
import fazt.runtime.invoke.FunctionCall;
import fazt.runtime.invoke.FunctionResult;
import fazt.runtime.invoke.FunctionRunner;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs runtime-svc on real NATS and PostgreSQL with storage-svc and deploy-svc played by their stand-ins: code is
 * committed into a namespace of the {@link StorageStandIn} (which also answers env.KV, env.FILES and, where a test
 * scripts it, env.DB) and the {@link DeployStandIn} answers the env request with what the test sets. It collects the
 * app log and invocation records and invokes handlers through the {@link FunctionRunner} bean the invocation
 * transport uses.
 */
final class RuntimeHarness implements BeforeAllCallback, AfterAllCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger VERSIONS = new AtomicInteger();

    final TestSuite suite;
    final List<AppLogLine> logLines = Collections.synchronizedList(new ArrayList<>());
    final List<InvocationRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final SuiteConnection connection;
    private Connection nats;
    private NatsRequester requester;
    private StorageStandIn storage;
    private DeployStandIn deploy;

    RuntimeHarness(TestSuite suite) {
        this.suite = suite;
        this.connection = new SuiteConnection(suite);
    }

    static TestSuite suite() {
        return TestSuite.of(new RuntimeService());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        connection.beforeAll(context);
        nats = connection.nats();
        requester = connection.requester();
        storage = StorageStandIn.start(nats, suite.nats().root());
        deploy = DeployStandIn.start(nats, suite.nats().root());
        Dispatcher dispatcher = nats.createDispatcher();
        dispatcher.subscribe(
                suite.nats().root().qualify(RuntimeSubjects.APP_LOG_ALL),
                message -> logLines.add(MessageCodec.INSTANCE.decode(message.getData(), AppLogLine.class)));
        dispatcher.subscribe(
                suite.nats().root().qualify(RuntimeSubjects.INVOCATIONS_ALL),
                message -> records.add(MessageCodec.INSTANCE.decode(message.getData(), InvocationRecord.class)));
        nats.flush(TIMEOUT);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (deploy != null) {
                deploy.close();
            }
            if (storage != null) {
                storage.close();
            }
        } finally {
            connection.afterAll(context);
        }
    }

    /** Sets the app's env vars, as deploy-svc would answer them. */
    void env(String appId, Map<String, String> values) {
        deploy.env(appId, values);
    }

    /** The storage stand-in holding the deployed code and the apps' KV and files. */
    StorageStandIn storage() {
        return storage;
    }

    NatsRequester requester() {
        return requester;
    }

    <T> T bean(Class<T> type) {
        return suite.service(ServiceName.RUNTIME).context().getBean(type);
    }

    /** Deploys files (path, source, path, source...) as a new version of the app; returns it. */
    App deploy(String appId, String... pathsAndSources) {
        int version = VERSIONS.incrementAndGet();
        String namespace = "app/" + appId + "/v" + version;
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            files.put(pathsAndSources[i], pathsAndSources[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        storage.commit(namespace, files);
        return new App(appId, version, namespace);
    }

    Connection connection() {
        return nats;
    }

    /**
     * Makes {@code app} the live version of its app (what deploy-svc's {@code site.get} answers, with server code) and
     * announces it ({@code deployed}), as a deploy does.
     */
    void goLive(App app) {
        LiveApp template = DeployStandIn.app(
                new TriggersReply.AppTriggers(
                        app.appId(),
                        app.appId(),
                        app.version(),
                        List.of(),
                        1,
                        0,
                        1,
                        30_000,
                        List.of(),
                        null,
                        null,
                        null),
                true);
        SiteReply site = template.site();
        deploy.deploy(new LiveApp(
                new SiteReply(
                        true,
                        app.appId(),
                        app.appId(),
                        app.version(),
                        app.namespace(),
                        site.spa(),
                        site.headers(),
                        site.redirects(),
                        site.deployedAt(),
                        true),
                template.triggers()));
    }

    /** Announces a change of the app, as deploy-svc does. */
    void publishChange(String appId, AppChanged.Change change, int version) {
        deploy.announce(change, appId, List.of(appId), version);
    }

    Response invoke(App app, String method, String path, String body, HttpHeader... headers) throws Exception {
        return invoke(app, "http", method, path, body, headers);
    }

    /** An invocation by another trigger ({@code scheduled}, {@code async}, {@code webhook}), as scheduler-svc sends it. */
    Response invoke(App app, String trigger, String method, String path, String body, HttpHeader... headers)
            throws Exception {
        return invoke(null, app, trigger, method, path, body, headers);
    }

    /** Invokes as the gateway does for a request with a logged-in app {@code user} (null: anonymous). */
    Response invokeAs(AppUser user, App app, String method, String path, String body, HttpHeader... headers)
            throws Exception {
        return invoke(user, app, "http", method, path, body, headers);
    }

    private Response invoke(
            AppUser user, App app, String trigger, String method, String path, String body, HttpHeader... headers)
            throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        InvokeRequest request = new InvokeRequest(
                "req-" + UUID.randomUUID(),
                app.appId(),
                app.appId(),
                app.version(),
                app.namespace(),
                trigger,
                method,
                "https://" + app.appId() + ".example.test" + path,
                List.of(headers),
                null,
                null,
                bytes.length,
                "203.0.113.9",
                30_000,
                user);
        FunctionResult result =
                bean(FunctionRunner.class).run(new FunctionCall(request, new ByteArrayInputStream(bytes)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var responseBody = result.body()) {
            for (byte[] chunk = responseBody.next(64 * 1024); chunk != null; chunk = responseBody.next(64 * 1024)) {
                out.writeBytes(chunk);
            }
        }
        return new Response(
                result.status(),
                result.headers(),
                out.toString(StandardCharsets.UTF_8),
                result.cold(),
                request.requestId());
    }

    record App(String appId, int version, String namespace) {}

    record Response(int status, List<HttpHeader> headers, String body, boolean cold, String requestId) {
        String header(String name) {
            return headers.stream()
                    .filter(h -> h.name().equalsIgnoreCase(name))
                    .map(HttpHeader::value)
                    .findFirst()
                    .orElse(null);
        }
    }
}
