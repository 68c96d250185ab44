package fazt.runtime.observe;

import static fazt.runtime.observe.ObserveFixture.READER;
import static fazt.runtime.observe.ObserveFixture.messages;
import static fazt.runtime.observe.ObserveFixture.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.problem.Problem;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app observability admin API over real NATS and JetStream (see {@link ObserveFixture}): the streams, the requests
 * and errors, the metrics, who may look and the refusals. Paging through logs is {@link ObserveLogsIT}.
 */
class ObserveAdminIT {
    @RegisterExtension
    static final ObserveFixture observe = new ObserveFixture();

    @Test
    void declaresBothStreamsWithBoundedRetention() throws Exception {
        String prefix = observe.root().value().toUpperCase(Locale.ROOT).replace('-', '_');
        StreamConfiguration logs = observe.nats()
                .jetStreamManagement()
                .getStreamInfo(prefix + "_LOG_APP")
                .getConfiguration();
        assertThat(logs.getSubjects()).containsExactly(observe.root().qualify("log.app.>"));
        assertThat(logs.getMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(logs.getMaxBytes()).isEqualTo(LogStreams.APP_LOG_MAX_BYTES);
        assertThat(logs.getMaximumMessageSize()).isEqualTo(64 * 1024);
        assertThat(logs.getMaxMsgsPerSubject()).isEqualTo(LogStreams.APP_LOG_MAX_PER_APP);
        assertThat(logs.getDiscardPolicy()).isEqualTo(DiscardPolicy.Old);
        StreamConfiguration calls = observe.nats()
                .jetStreamManagement()
                .getStreamInfo(prefix + "_LOG_INVOCATION")
                .getConfiguration();
        assertThat(calls.getSubjects()).containsExactly(observe.root().qualify("log.invocation.>"));
        assertThat(calls.getMaxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(calls.getMaxBytes()).isEqualTo(LogStreams.INVOCATION_MAX_BYTES);
        assertThat(calls.getDiscardPolicy()).isEqualTo(DiscardPolicy.Old);
    }

    @Test
    void requestsAreNewestFirstAndErrorsCarryTheirDetail() throws Exception {
        String id = observe.app("calls");
        String other = observe.app("calls-neighbour");
        for (int i = 1; i <= 12; i++) {
            boolean failed = i % 4 == 0;
            observe.invocation(
                    id,
                    "/api/" + i,
                    failed ? 500 : 200,
                    i,
                    false,
                    failed ? "TypeError: boom at api/main.js:3:7" : null);
            observe.invocation(other, "/api/other" + i, 500, i, false, "other app");
        }
        JsonNode recent = observe.ok("calls", "requests", Map.of("limit", "3"));
        assertThat(paths(recent)).containsExactly("/api/12", "/api/11", "/api/10");
        assertThat(recent.path("requests").get(0).path("error").asText()).contains("api/main.js:3:7");
        assertThat(recent.path("requests").get(1).has("error")).isFalse();
        JsonNode errors = observe.ok("calls", "requests", Map.of("status", "error"));
        assertThat(paths(errors)).containsExactly("/api/12", "/api/8", "/api/4");
        assertThat(paths(observe.ok("calls", "requests", Map.of()))).hasSize(12).doesNotContain("/api/other1");
    }

    @Test
    void olderErrorsAreFoundBehindManyNewerRecordsOfSeveralApps() throws Exception {
        String id = observe.app("deep");
        String other = observe.app("deep-neighbour");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 260; i++) {
            statuses.add(i <= 2 ? 503 : 200);
        }
        for (int i = 1; i <= 260; i++) {
            observe.invocation(id, "/api/" + i, statuses.get(i - 1), 1, false, i <= 2 ? "Error: early" : null);
            observe.invocation(other, "/api/x" + i, 200, 1, false, null);
        }
        assertThat(paths(observe.ok("deep", "requests", Map.of("status", "error", "limit", "5"))))
                .containsExactly("/api/2", "/api/1");
        assertThat(paths(observe.ok("deep", "requests", Map.of("limit", "4"))))
                .containsExactly("/api/260", "/api/259", "/api/258", "/api/257");
        assertThat(paths(observe.ok("deep", "requests", Map.of("limit", "1000"))))
                .hasSize(260);
    }

    @Test
    void metricsCountErrorsAndColdStartsAndTakePercentilesOfDurations() throws Exception {
        String id = observe.app("metered");
        for (int ms = 1; ms <= 20; ms++) {
            int status = ms == 7 ? 500 : ms == 13 ? 503 : ms == 3 ? 404 : 200;
            observe.invocation(id, "/api/m", status, ms, ms <= 3, status >= 500 ? "Error: x" : null);
        }
        JsonNode metrics = observe.ok("metered", "metrics", Map.of());
        for (String window : List.of("1h", "24h")) {
            JsonNode w = metrics.path(window);
            assertThat(w.path("requests").asLong()).as(window).isEqualTo(20);
            assertThat(w.path("errors").asLong()).as(window).isEqualTo(2);
            assertThat(w.path("coldStarts").asLong()).as(window).isEqualTo(3);
            assertThat(w.path("p50Ms").asLong()).as(window).isEqualTo(10);
            assertThat(w.path("p95Ms").asLong()).as(window).isEqualTo(19);
            assertThat(w.path("sampled").asBoolean()).as(window).isFalse();
        }
        observe.app("metered-idle");
        JsonNode idle = observe.ok("metered-idle", "metrics", Map.of());
        assertThat(idle.path("1h").path("requests").asLong()).isZero();
        assertThat(idle.path("1h").has("p50Ms")).isFalse();
    }

    @Test
    void aWindowLargerThanTheScanCapIsSampledFromItsMostRecentRecords() throws Exception {
        String id = observe.app("busy");
        for (int i = 1; i <= 120; i++) {
            // the 70 oldest are slow failures, the 50 most recent fast successes, 10 of them cold
            observe.invocation(id, "/api/b", i <= 70 ? 500 : 200, i <= 70 ? 900 : i - 70, i > 110, null);
        }
        InvocationHistory capped = new InvocationHistory(observe.nats(), new LogStreams(observe.root()), 50);
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
        String id = observe.app("guarded");
        observe.log(id, "info", "secret-ish");
        Problem denied =
                observe.problem("guarded", "logs", Map.of(), new Principal("t", "ci", List.of("deploy:other")));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.type()).isEqualTo(Problem.TYPE_BASE + "runtime/forbidden");
        assertThat(observe.problem("guarded", "metrics", Map.of(), new Principal("t", "ci", List.of("logs:other")))
                        .status())
                .isEqualTo(403);
        assertThat(observe.problem("guarded", "requests", Map.of(), new Principal("t", "ci", List.of()))
                        .status())
                .isEqualTo(403);
        assertThat(messages(
                        observe.call("guarded", "logs", Map.of(), new Principal("t", "ci", List.of("logs:guarded")))))
                .containsExactly("secret-ish");
        assertThat(messages(observe.call("guarded", "logs", Map.of(), new Principal("t", "ci", List.of("logs:*")))))
                .containsExactly("secret-ish");
        assertThat(messages(observe.call("guarded", "logs", Map.of(), new Principal("t", "root", List.of("admin")))))
                .containsExactly("secret-ish");
        assertThat(messages(observe.ok("guarded", "logs", Map.of()))).containsExactly("secret-ish");
    }

    @Test
    void aMissingLogStoreOrASilentDirectoryIsServiceUnavailable() throws Exception {
        observe.app("unstored");
        LogStreams streams = new LogStreams(observe.root());
        observe.nats().jetStreamManagement().deleteStream(streams.invocationStream());
        try {
            Problem gone = observe.problem("unstored", "metrics", Map.of(), READER);
            assertThat(gone.status()).isEqualTo(503);
            assertThat(gone.type()).isEqualTo(Problem.TYPE_BASE + "runtime/unavailable");
            assertThat(gone.detail()).doesNotContain("10059").doesNotContain("stream not found");
        } finally {
            streams.declare(observe.nats());
        }
        Problem silent = observe.problem("silent-directory", "logs", Map.of(), READER);
        assertThat(silent.status()).isEqualTo(503);
        assertThat(silent.detail()).contains("deploy-svc");
    }

    @Test
    void anUnknownAppIsNotFound() throws Exception {
        for (String action : List.of("logs", "requests", "metrics")) {
            Problem missing = observe.problem("nobody-" + action, action, Map.of(), READER);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.type()).isEqualTo(Problem.TYPE_BASE + "runtime/app-not-found");
            assertThat(missing.detail()).contains("nobody-" + action);
        }
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() throws Exception {
        observe.app("strict");
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
            Problem bad = observe.problem("strict", "logs", query, READER);
            assertThat(bad.status()).as(query.toString()).isEqualTo(400);
            assertThat(bad.type()).isEqualTo(Problem.TYPE_BASE + "runtime/invalid-request");
            assertThat(bad.errors())
                    .as(query.toString())
                    .extracting(Problem.FieldError::field)
                    .containsExactly(field);
        });
        assertThat(observe.problem("strict", "requests", Map.of("status", "broken"), READER)
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("status");
        assertThat(observe.problem("strict", "requests", Map.of("limit", "100000"), READER)
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("limit");
        AdminResponse post = observe.requester()
                .request(
                        AdminSubjects.of(ServiceName.RUNTIME),
                        new AdminRequest(
                                "POST",
                                "/apps/strict/logs",
                                Map.of(),
                                observe.suite().sign(READER),
                                null,
                                null,
                                null,
                                "r"),
                        AdminResponse.class,
                        Duration.ofSeconds(20))
                .get();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(post.body()).contains("admin/method-not-allowed").contains("\"field\":\"method\"");
    }
}
