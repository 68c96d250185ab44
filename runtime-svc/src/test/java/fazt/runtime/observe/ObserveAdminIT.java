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
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app observability admin API over real NATS and JetStream: records are published on the app subjects as the
 * engine publishes them, then read back through {@code svc.runtime.admin} as the gateway forwards the calls. A small
 * responder stands in for deploy-svc's {@code svc.deploy.site.get}, which only maps names to app ids here.
 */
class ObserveAdminIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new RuntimeService());

    private static final Principal READER = new Principal("u1", "reader", List.of("read"));
    private static final Map<String, String> APPS = new ConcurrentHashMap<>();

    private static Connection nats;
    private static JetStream js;
    private static SubjectRoot root;
    private static NatsRequester requester;

    @BeforeAll
    static void connect() throws Exception {
        nats = suite.nats().connect();
        js = nats.jetStream();
        root = suite.nats().root();
        requester = new NatsRequester(nats, root);
        Dispatcher sites = nats.createDispatcher(message -> {
            SiteRequest request = MessageCodec.INSTANCE.decode(message.getData(), SiteRequest.class);
            if (request.name().equals("silent-directory")) {
                return; // as a deploy-svc that hangs
            }
            String id = APPS.get(request.name());
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

    @AfterAll
    static void close() throws Exception {
        nats.close();
    }

    @Test
    void declaresBothStreamsWithBoundedRetention() throws Exception {
        String prefix = root.value().toUpperCase(Locale.ROOT).replace('-', '_');
        StreamConfiguration logs =
                nats.jetStreamManagement().getStreamInfo(prefix + "_LOG_APP").getConfiguration();
        assertThat(logs.getSubjects()).containsExactly(root.qualify("log.app.>"));
        assertThat(logs.getMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(logs.getMaxBytes()).isEqualTo(LogStreams.APP_LOG_MAX_BYTES);
        assertThat(logs.getMaximumMessageSize()).isEqualTo(64 * 1024);
        assertThat(logs.getMaxMsgsPerSubject()).isEqualTo(LogStreams.APP_LOG_MAX_PER_APP);
        assertThat(logs.getDiscardPolicy()).isEqualTo(DiscardPolicy.Old);
        StreamConfiguration calls = nats.jetStreamManagement()
                .getStreamInfo(prefix + "_LOG_INVOCATION")
                .getConfiguration();
        assertThat(calls.getSubjects()).containsExactly(root.qualify("log.invocation.>"));
        assertThat(calls.getMaxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(calls.getMaxBytes()).isEqualTo(LogStreams.INVOCATION_MAX_BYTES);
        assertThat(calls.getDiscardPolicy()).isEqualTo(DiscardPolicy.Old);
    }

    @Test
    void logsPageOldestFirstAndTheCursorContinuesAndFollows() throws Exception {
        String id = app("paged");
        String other = app("paged-neighbour");
        for (int i = 1; i <= 5; i++) {
            log(id, "info", "line " + i);
            log(other, "info", "not mine " + i);
        }
        JsonNode first = ok("paged", "logs", Map.of("limit", "2"));
        assertThat(messages(first)).containsExactly("line 1", "line 2");
        assertThat(first.path("more").asBoolean()).isTrue();
        JsonNode second = ok(
                "paged",
                "logs",
                Map.of("limit", "2", "after", first.path("cursor").asText()));
        assertThat(messages(second)).containsExactly("line 3", "line 4");
        JsonNode third = ok(
                "paged",
                "logs",
                Map.of("limit", "2", "after", second.path("cursor").asText()));
        assertThat(messages(third)).containsExactly("line 5");
        assertThat(third.path("more").asBoolean()).isFalse();

        JsonNode idle = ok("paged", "logs", Map.of("after", third.path("cursor").asText()));
        assertThat(messages(idle)).isEmpty();
        assertThat(idle.path("cursor").asLong())
                .isGreaterThanOrEqualTo(third.path("cursor").asLong());

        log(other, "info", "still not mine");
        log(id, "warn", "line 6");
        JsonNode followed =
                ok("paged", "logs", Map.of("after", idle.path("cursor").asText()));
        assertThat(messages(followed)).containsExactly("line 6");
        JsonNode line = followed.path("lines").get(0);
        assertThat(line.path("level").asText()).isEqualTo("warn");
        assertThat(line.path("requestId").asText()).isEqualTo("req-line 6");
        assertThat(line.path("instance").asText()).isEqualTo("runtime-test:1");
        assertThat(line.has("at")).isTrue();
    }

    @Test
    void pagesStopBeforeTheReplyLimitAndContinueAtTheCursor() throws Exception {
        String id = app("big-lines");
        int count = 60;
        // Quotes are escaped twice on the way (the page's JSON is a string in the admin reply): 4 bytes each.
        String heavy = "\"".repeat(8 * 1024 - 8);
        for (int i = 0; i < count; i++) {
            log(id, "info", String.format("%04d", i) + heavy);
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more && pages++ < count) {
            Map<String, String> query =
                    after == null ? Map.of("limit", "1000") : Map.of("limit", "1000", "after", after);
            JsonNode page = ok("big-lines", "logs", query);
            List<String> lines = messages(page);
            assertThat(lines).isNotEmpty().hasSizeLessThan(count);
            lines.forEach(line -> seen.add(line.substring(0, 4)));
            after = page.path("cursor").asText();
            more = page.path("more").asBoolean();
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(seen)
                .containsExactlyElementsOf(IntStream.range(0, count)
                        .mapToObj(i -> String.format("%04d", i))
                        .toList());
    }

    @Test
    void aCursorFromBeforeTheStreamWasRecreatedStartsOver() throws Exception {
        String id = app("reset");
        log(id, "info", "before");
        JsonNode page = ok("reset", "logs", Map.of());
        long stale = page.path("cursor").asLong() + 1000;
        LogStreams streams = new LogStreams(root);
        nats.jetStreamManagement().deleteStream(streams.appLogStream());
        streams.declare(nats);
        log(id, "info", "after");
        JsonNode resumed = ok("reset", "logs", Map.of("after", Long.toString(stale)));
        assertThat(messages(resumed)).containsExactly("after");
    }

    @Test
    void sinceStartsAtAnInstantOrADurationAgo() throws Exception {
        String id = app("since");
        log(id, "info", "old");
        Thread.sleep(1100);
        Instant cut = Instant.now();
        Thread.sleep(50);
        log(id, "info", "new");
        assertThat(messages(ok("since", "logs", Map.of("since", cut.toString()))))
                .containsExactly("new");
        assertThat(messages(ok("since", "logs", Map.of("since", "10m")))).containsExactly("old", "new");
        assertThat(messages(ok("since", "logs", Map.of())))
                .as("default: the last hour")
                .containsExactly("old", "new");
        assertThat(messages(ok("since", "logs", Map.of("since", "1s")))).containsExactly("new");
    }

    @Test
    void levelKeepsThatLevelAndAbove() throws Exception {
        String id = app("levels");
        log(id, "debug", "d");
        log(id, "info", "i");
        log(id, "warn", "w");
        log(id, "error", "e");
        log(id, "info", "i2");
        assertThat(messages(ok("levels", "logs", Map.of("level", "warn")))).containsExactly("w", "e");
        assertThat(messages(ok("levels", "logs", Map.of("level", "error")))).containsExactly("e");
        assertThat(messages(ok("levels", "logs", Map.of("level", "info")))).containsExactly("i", "w", "e", "i2");
        JsonNode page = ok("levels", "logs", Map.of("level", "warn", "limit", "1"));
        assertThat(messages(page)).containsExactly("w");
        assertThat(messages(ok(
                        "levels",
                        "logs",
                        Map.of("level", "warn", "after", page.path("cursor").asText()))))
                .containsExactly("e");
    }

    @Test
    void requestsAreNewestFirstAndErrorsCarryTheirDetail() throws Exception {
        String id = app("calls");
        String other = app("calls-neighbour");
        for (int i = 1; i <= 12; i++) {
            boolean failed = i % 4 == 0;
            invocation(
                    id,
                    "/api/" + i,
                    failed ? 500 : 200,
                    i,
                    false,
                    failed ? "TypeError: boom at api/main.js:3:7" : null);
            invocation(other, "/api/other" + i, 500, i, false, "other app");
        }
        JsonNode recent = ok("calls", "requests", Map.of("limit", "3"));
        assertThat(paths(recent)).containsExactly("/api/12", "/api/11", "/api/10");
        assertThat(recent.path("requests").get(0).path("error").asText()).contains("api/main.js:3:7");
        assertThat(recent.path("requests").get(1).has("error")).isFalse();
        JsonNode errors = ok("calls", "requests", Map.of("status", "error"));
        assertThat(paths(errors)).containsExactly("/api/12", "/api/8", "/api/4");
        assertThat(paths(ok("calls", "requests", Map.of()))).hasSize(12).doesNotContain("/api/other1");
    }

    @Test
    void olderErrorsAreFoundBehindManyNewerRecordsOfSeveralApps() throws Exception {
        String id = app("deep");
        String other = app("deep-neighbour");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 260; i++) {
            statuses.add(i <= 2 ? 503 : 200);
        }
        for (int i = 1; i <= 260; i++) {
            invocation(id, "/api/" + i, statuses.get(i - 1), 1, false, i <= 2 ? "Error: early" : null);
            invocation(other, "/api/x" + i, 200, 1, false, null);
        }
        assertThat(paths(ok("deep", "requests", Map.of("status", "error", "limit", "5"))))
                .containsExactly("/api/2", "/api/1");
        assertThat(paths(ok("deep", "requests", Map.of("limit", "4"))))
                .containsExactly("/api/260", "/api/259", "/api/258", "/api/257");
        assertThat(paths(ok("deep", "requests", Map.of("limit", "1000")))).hasSize(260);
    }

    @Test
    void metricsCountErrorsAndColdStartsAndTakePercentilesOfDurations() throws Exception {
        String id = app("metered");
        for (int ms = 1; ms <= 20; ms++) {
            int status = ms == 7 ? 500 : ms == 13 ? 503 : ms == 3 ? 404 : 200;
            invocation(id, "/api/m", status, ms, ms <= 3, status >= 500 ? "Error: x" : null);
        }
        JsonNode metrics = ok("metered", "metrics", Map.of());
        for (String window : List.of("1h", "24h")) {
            JsonNode w = metrics.path(window);
            assertThat(w.path("requests").asLong()).as(window).isEqualTo(20);
            assertThat(w.path("errors").asLong()).as(window).isEqualTo(2);
            assertThat(w.path("coldStarts").asLong()).as(window).isEqualTo(3);
            assertThat(w.path("p50Ms").asLong()).as(window).isEqualTo(10);
            assertThat(w.path("p95Ms").asLong()).as(window).isEqualTo(19);
            assertThat(w.path("sampled").asBoolean()).as(window).isFalse();
        }
        app("metered-idle");
        JsonNode idle = ok("metered-idle", "metrics", Map.of());
        assertThat(idle.path("1h").path("requests").asLong()).isZero();
        assertThat(idle.path("1h").has("p50Ms")).isFalse();
    }

    @Test
    void aWindowLargerThanTheScanCapIsSampledFromItsMostRecentRecords() throws Exception {
        String id = app("busy");
        for (int i = 1; i <= 120; i++) {
            // the 70 oldest are slow failures, the 50 most recent fast successes, 10 of them cold
            invocation(id, "/api/b", i <= 70 ? 500 : 200, i <= 70 ? 900 : i - 70, i > 110, null);
        }
        InvocationHistory capped = new InvocationHistory(nats, new LogStreams(root), 50);
        InvocationHistory.Window hour = capped.metrics(id).getFirst();
        assertThat(hour.sampled()).isTrue();
        assertThat(hour.sampleSize()).isEqualTo(50);
        assertThat(hour.requests()).as("the count is exact").isEqualTo(120);
        assertThat(hour.p50Ms()).as("percentiles of the sample").isEqualTo(25);
        assertThat(hour.p95Ms()).isEqualTo(48);
        assertThat(hour.errors()).as("none in the sample").isZero();
        assertThat(hour.coldStarts()).as("10 of 50, scaled to 120").isEqualTo(24);
        InvocationHistory.Recent recent = capped.recent(id, 5, InvocationStats::failed, true);
        assertThat(recent.requests()).as("errors lie beyond the cap").isEmpty();
        assertThat(recent.truncated()).isTrue();
    }

    @Test
    void scopesDecideWhoMayLook() throws Exception {
        String id = app("guarded");
        log(id, "info", "secret-ish");
        Problem denied = problem("guarded", "logs", Map.of(), new Principal("t", "ci", List.of("deploy:other")));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.type()).isEqualTo(Problem.TYPE_BASE + "runtime/forbidden");
        assertThat(problem("guarded", "metrics", Map.of(), new Principal("t", "ci", List.of("logs:other")))
                        .status())
                .isEqualTo(403);
        assertThat(problem("guarded", "requests", Map.of(), new Principal("t", "ci", List.of()))
                        .status())
                .isEqualTo(403);
        assertThat(messages(call("guarded", "logs", Map.of(), new Principal("t", "ci", List.of("logs:guarded")))))
                .containsExactly("secret-ish");
        assertThat(messages(call("guarded", "logs", Map.of(), new Principal("t", "ci", List.of("logs:*")))))
                .containsExactly("secret-ish");
        assertThat(messages(call("guarded", "logs", Map.of(), new Principal("t", "root", List.of("admin")))))
                .containsExactly("secret-ish");
        assertThat(messages(ok("guarded", "logs", Map.of()))).containsExactly("secret-ish");
    }

    @Test
    void aMissingLogStoreOrASilentDirectoryIsServiceUnavailable() throws Exception {
        app("unstored");
        LogStreams streams = new LogStreams(root);
        nats.jetStreamManagement().deleteStream(streams.invocationStream());
        try {
            Problem gone = problem("unstored", "metrics", Map.of(), READER);
            assertThat(gone.status()).isEqualTo(503);
            assertThat(gone.type()).isEqualTo(Problem.TYPE_BASE + "runtime/unavailable");
            assertThat(gone.detail()).doesNotContain("10059").doesNotContain("stream not found");
        } finally {
            streams.declare(nats);
        }
        Problem silent = problem("silent-directory", "logs", Map.of(), READER);
        assertThat(silent.status()).isEqualTo(503);
        assertThat(silent.detail()).contains("deploy-svc");
    }

    @Test
    void anUnknownAppIsNotFound() throws Exception {
        for (String action : List.of("logs", "requests", "metrics")) {
            Problem missing = problem("nobody-" + action, action, Map.of(), READER);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.type()).isEqualTo(Problem.TYPE_BASE + "runtime/app-not-found");
            assertThat(missing.detail()).contains("nobody-" + action);
        }
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() throws Exception {
        app("strict");
        Map<Map<String, String>, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("since", "yesterday"), "since");
        cases.put(Map.of("since", "-5m"), "since");
        cases.put(Map.of("limit", "0"), "limit");
        cases.put(Map.of("limit", "1001"), "limit");
        cases.put(Map.of("limit", "ten"), "limit");
        cases.put(Map.of("after", "-1"), "after");
        cases.put(Map.of("after", "abc"), "after");
        cases.put(Map.of("level", "loud"), "level");
        cases.forEach((query, field) -> {
            Problem bad = problem("strict", "logs", query, READER);
            assertThat(bad.status()).as(query.toString()).isEqualTo(400);
            assertThat(bad.type()).isEqualTo(Problem.TYPE_BASE + "runtime/invalid-request");
            assertThat(bad.errors())
                    .as(query.toString())
                    .extracting(Problem.FieldError::field)
                    .containsExactly(field);
        });
        assertThat(problem("strict", "requests", Map.of("status", "broken"), READER)
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("status");
        assertThat(problem("strict", "requests", Map.of("limit", "100000"), READER)
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("limit");
        AdminResponse post = requester
                .request(
                        AdminSubjects.of(ServiceName.RUNTIME),
                        new AdminRequest(
                                "POST", "/apps/strict/logs", Map.of(), suite.sign(READER), null, null, null, "r"),
                        AdminResponse.class,
                        Duration.ofSeconds(20))
                .get();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(post.body()).contains("admin/method-not-allowed").contains("\"field\":\"method\"");
    }

    // --- helpers ---

    /** Registers an app name with a fresh id in the stand-in for deploy-svc. */
    private static String app(String name) {
        String id = "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        APPS.put(name, id);
        return id;
    }

    private static void log(String appId, String level, String message) throws Exception {
        js.publish(
                root.qualify(RuntimeSubjects.appLog(appId)),
                MessageCodec.INSTANCE.encode(
                        new AppLogLine(appId, Instant.now(), level, message, "req-" + message, "runtime-test:1")));
    }

    private static void invocation(String appId, String path, int status, long ms, boolean cold, String error)
            throws Exception {
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

    private static JsonNode ok(String app, String action, Map<String, String> query) throws Exception {
        return call(app, action, query, READER);
    }

    private static JsonNode call(String app, String action, Map<String, String> query, Principal who) throws Exception {
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

    private static Problem problem(String app, String action, Map<String, String> query, Principal who) {
        Map<String, List<String>> params = new HashMap<>();
        query.forEach((k, v) -> params.put(k, List.of(v)));
        return problem(new AdminRequest(
                "GET", "/apps/" + app + "/" + action, params, suite.sign(who), null, null, null, "r2"));
    }

    private static Problem problem(AdminRequest request) {
        Throwable failure = catchThrowable(() -> requester
                .request(AdminSubjects.of(ServiceName.RUNTIME), request, AdminResponse.class, Duration.ofSeconds(20))
                .get());
        assertThat(failure)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(NatsRequester.RemoteProblemException.class);
        return ((NatsRequester.RemoteProblemException) failure.getCause()).problem();
    }

    private static List<String> messages(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("lines").forEach(l -> out.add(l.path("message").asText()));
        return out;
    }

    private static List<String> paths(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("requests").forEach(r -> out.add(r.path("path").asText()));
        return out;
    }
}
