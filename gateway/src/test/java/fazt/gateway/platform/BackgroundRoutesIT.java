package fazt.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.gateway.GatewayService;
import fazt.gateway.edge.EdgeServer;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.problem.Problem;
import fazt.proto.scheduler.AsyncEnqueueRequest;
import fazt.proto.scheduler.HookReceiveRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.RunStatusReply;
import fazt.proto.scheduler.RunStatusRequest;
import fazt.proto.scheduler.SchedulerSubjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway's {@code /_fazt/async}, {@code /_fazt/hooks} and {@code /_fazt/runs} over real HTTP and NATS, with
 * deploy-svc and scheduler-svc played by stand-ins on their subjects: the app id comes from the host, the URL is
 * rewritten to {@code /api/...}, scheduler problems pass through, large bodies are refused before NATS.
 */
class BackgroundRoutesIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new GatewayService());

    static Connection nats;
    static final List<AsyncEnqueueRequest> queued = new CopyOnWriteArrayList<>();
    static final List<HookReceiveRequest> delivered = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void standIns() throws Exception {
        nats = suite.nats().connect();
        SubjectRoot root = suite.nats().root();
        Dispatcher d = nats.createDispatcher();
        d.subscribe(root.qualify(DeploySubjects.SITE_GET), m -> {
            String name =
                    MessageCodec.INSTANCE.decode(m.getData(), SiteRequest.class).name();
            SiteReply reply = name.equals("blog")
                    ? new SiteReply(
                            true,
                            "a_blog",
                            "blog",
                            1,
                            "site/a_blog/v1",
                            null,
                            List.of(),
                            List.of(),
                            Instant.now(),
                            true)
                    : SiteReply.notFound();
            nats.publish(m.getReplyTo(), MessageCodec.INSTANCE.encode(reply));
        });
        d.subscribe(root.qualify(SchedulerSubjects.ASYNC_ENQUEUE), m -> {
            AsyncEnqueueRequest request = MessageCodec.INSTANCE.decode(m.getData(), AsyncEnqueueRequest.class);
            queued.add(request);
            String path = URI.create(request.url()).getPath();
            switch (path) {
                case "/api/undeclared" ->
                    refuse(
                            m.getReplyTo(),
                            Problem.of(
                                    404,
                                    "scheduler/async-not-declared",
                                    "Not found",
                                    "The app accepts no async request for this path."));
                case "/api/busy" ->
                    refuse(
                            m.getReplyTo(),
                            Problem.of(429, "scheduler/rate-limited", "Too many requests", "Try again in 42 s.")
                                    .withExtension("retryAfter", 42));
                case "/api/full" ->
                    refuse(
                            m.getReplyTo(),
                            Problem.of(
                                    507,
                                    "scheduler/storage-full",
                                    "Insufficient storage",
                                    "The app keeps as many payloads as it may."));
                default ->
                    nats.publish(m.getReplyTo(), MessageCodec.INSTANCE.encode(new RunAccepted("r_async1", "queued")));
            }
        });
        d.subscribe(root.qualify(SchedulerSubjects.HOOK_RECEIVE), m -> {
            HookReceiveRequest hook = MessageCodec.INSTANCE.decode(m.getData(), HookReceiveRequest.class);
            delivered.add(hook);
            boolean good = hook.headers().stream()
                    .anyMatch(h -> h.name().equalsIgnoreCase("X-Hub-Signature-256")
                            && h.value().equals("sha256=good"));
            if (good) {
                nats.publish(m.getReplyTo(), MessageCodec.INSTANCE.encode(new RunAccepted("r_hook1", "queued")));
                return;
            }
            refuse(
                    m.getReplyTo(),
                    Problem.of(
                            401,
                            "scheduler/signature-refused",
                            "Signature refused",
                            "The webhook signature did not verify."));
        });
        d.subscribe(root.qualify(SchedulerSubjects.RUN_STATUS), m -> {
            RunStatusRequest asked = MessageCodec.INSTANCE.decode(m.getData(), RunStatusRequest.class);
            RunStatusReply reply =
                    asked.appId().equals("a_blog") && asked.runId().equals("r_async1")
                            ? new RunStatusReply(
                                    true,
                                    "r_async1",
                                    "async",
                                    "succeeded",
                                    1,
                                    Instant.parse("2026-01-01T00:00:00Z"),
                                    Instant.parse("2026-01-01T00:00:01Z"))
                            : RunStatusReply.notFound();
            nats.publish(m.getReplyTo(), MessageCodec.INSTANCE.encode(reply));
        });
        nats.flush(Duration.ofSeconds(5));
    }

    /** Answers as scheduler-svc does with a problem (ADR-32 error headers, the problem as the body). */
    private static void refuse(String replyTo, Problem problem) {
        Headers h = new Headers();
        h.put(FaztHeaders.SERVICE_ERROR_CODE, String.valueOf(problem.status()));
        h.put(FaztHeaders.SERVICE_ERROR, problem.title());
        nats.publish(NatsMessage.builder()
                .subject(replyTo)
                .headers(h)
                .data(MessageCodec.INSTANCE.encode(problem))
                .build());
    }

    @AfterAll
    static void close() throws Exception {
        nats.close();
    }

    private static HttpResponse<String> edge(
            String method, String path, String host, String header, String value, byte[] body) throws Exception {
        int port = suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .port();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Host", host)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (header != null) {
                request.header(header, value);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void asyncQueuesTheApiRequestOfTheHostsAppAndAnswers202() throws Exception {
        HttpResponse<String> response = edge(
                "POST",
                "/_fazt/async/resize?size=2",
                "blog.localhost",
                "Content-Type",
                "application/json",
                "{\"img\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = MessageCodec.INSTANCE.mapper().readTree(response.body());
        assertThat(body.path("run_id").asText()).isEqualTo("r_async1");
        assertThat(body.path("status_url").asText()).isEqualTo("/_fazt/runs/r_async1");
        AsyncEnqueueRequest sent = queued.getLast();
        assertThat(sent.appId()).isEqualTo("a_blog");
        // the canonical scheme and host of the request (plain HTTP here), never the raw Host header
        assertThat(sent.url()).isEqualTo("http://blog.localhost/api/resize?size=2");
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("{\"img\":1}");
        assertThat(sent.headers()).noneMatch(h -> h.name().equalsIgnoreCase("cookie"));

        edge(
                "POST",
                "/_fazt/async/resize",
                "blog.localhost",
                "Cookie",
                "theme=dark; fazt_app_session=fza_secret; fazt_app_login=x",
                new byte[0]);
        assertThat(queued.getLast().headers())
                .filteredOn(h -> h.name().equalsIgnoreCase("cookie"))
                .as("the app-login cookies are not stored with a run")
                .singleElement()
                .satisfies(h -> assertThat(h.value()).isEqualTo("theme=dark"));

        HttpResponse<String> status = edge("GET", "/_fazt/runs/r_async1", "blog.localhost", null, null, null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(status.body())
                        .path("status")
                        .asText())
                .isEqualTo("succeeded");
        assertThat(edge("GET", "/_fazt/runs/r_other", "blog.localhost", null, null, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void badInputIsRefusedAtTheEdge() throws Exception {
        int before = queued.size();
        HttpResponse<String> big = edge(
                "POST", "/_fazt/async/x", "blog.localhost", null, null, new byte[SchedulerSubjects.MAX_PAYLOAD + 1]);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("content-type")).hasValue("application/problem+json");
        HttpResponse<String> get = edge("GET", "/_fazt/async/x", "blog.localhost", null, null, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        assertThat(edge("POST", "/_fazt/async/x", "nope.localhost", null, null, new byte[1])
                        .statusCode())
                .isEqualTo(404);
        assertThat(edge("POST", "/_fazt/async/x", "admin.localhost", null, null, new byte[1])
                        .statusCode())
                .isEqualTo(404);
        assertThat(queued).hasSize(before);
    }

    @Test
    void webhookDeliveriesPassTheRawBodyAndTheSchedulersVerdict() throws Exception {
        HttpResponse<String> good = edge(
                "POST",
                "/_fazt/hooks/h_1",
                "blog.localhost",
                "X-Hub-Signature-256",
                "sha256=good",
                "Hello, World!".getBytes(StandardCharsets.UTF_8));
        assertThat(good.statusCode()).isEqualTo(202);
        HookReceiveRequest sent = delivered.getLast();
        assertThat(sent.hookId()).isEqualTo("h_1");
        assertThat(sent.appId()).isEqualTo("a_blog");
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("Hello, World!");

        HttpResponse<String> bad = edge(
                "POST",
                "/_fazt/hooks/h_1",
                "blog.localhost",
                "X-Hub-Signature-256",
                "sha256=bad",
                "Hello".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(bad.body())
                        .path("type")
                        .asText())
                .isEqualTo("https://errors.fazt.dev/scheduler/signature-refused");
    }

    @Test
    void anUndeclaredAsyncPathIsNotFoundAndTheSchedulersLimitsPassThrough() throws Exception {
        HttpResponse<String> undeclared = edge(
                "POST", "/_fazt/async/undeclared", "blog.localhost", null, null, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(undeclared.statusCode()).isEqualTo(404);
        JsonNode notFound = MessageCodec.INSTANCE.mapper().readTree(undeclared.body());
        assertThat(notFound.path("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/not-found");
        assertThat(notFound.path("detail").asText())
                .isEqualTo("Nothing is served at /_fazt/async/undeclared on this host.");
        JsonNode unknownHost = MessageCodec.INSTANCE
                .mapper()
                .readTree(edge("POST", "/_fazt/async/undeclared", "nope.localhost", null, null, new byte[1])
                        .body());
        assertThat(notFound.path("type")).isEqualTo(unknownHost.path("type"));
        assertThat(notFound.path("title")).isEqualTo(unknownHost.path("title"));
        assertThat(notFound.path("detail")).isEqualTo(unknownHost.path("detail"));

        HttpResponse<String> busy = edge("POST", "/_fazt/async/busy", "blog.localhost", null, null, new byte[1]);
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.headers().firstValue("retry-after")).hasValue("42");
        assertThat(busy.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(busy.body())
                        .path("type")
                        .asText())
                .isEqualTo("https://errors.fazt.dev/scheduler/rate-limited");

        HttpResponse<String> full = edge("POST", "/_fazt/async/full", "blog.localhost", null, null, new byte[1]);
        assertThat(full.statusCode()).isEqualTo(507);
        assertThat(full.headers().firstValue("retry-after")).isEmpty();
        assertThat(MessageCodec.INSTANCE
                        .mapper()
                        .readTree(full.body())
                        .path("type")
                        .asText())
                .isEqualTo("https://errors.fazt.dev/scheduler/storage-full");
    }
}
