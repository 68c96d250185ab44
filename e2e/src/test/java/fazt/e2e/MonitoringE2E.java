package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.ServiceName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monitoring in ops/ against a real suite (ADR 41): after some traffic (a site, a function, the admin API, a
 * 404, a bad request), every metric name a dashboard query or an alert expression reads is on some service's
 * {@code /metrics} (or is Prometheus' own {@code up}, or is listed as planned in docs/metrics.md), every metric of
 * fazt follows the naming scheme, and docs/metrics.md's table is what the services export.
 */
class MonitoringE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm();

    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    static final Exposition scraped = new Exposition();
    static final Map<String, String> pages = new TreeMap<>();

    @BeforeAll
    static void trafficThenScrape() throws Exception {
        Edge edge = suite.edge();
        // The suite's health asks every service over NATS: each has served a request before the scrape.
        assertThat(edge.get("localhost", "/_fazt/health").statusCode()).isEqualTo(200);
        edge.deployFiles("metered", "index.html", "<h1>metered</h1>", "api/main.js", """
                export default {
                  async fetch(request, env) {
                    await env.KV.put("seen", 1);
                    return Response.json({ seen: await env.KV.get("seen") });
                  }
                };
                """);
        assertThat(edge.get("metered.localhost", "/").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> function = edge.get("metered.localhost", "/api/hello");
        assertThat(function.statusCode()).as(Edge.text(function)).isEqualTo(200);
        assertThat(edge.get("metered.localhost", "/missing.html").statusCode()).isEqualTo(404);
        assertThat(edge.json("GET", "/apps", null).statusCode()).isEqualTo(200);
        assertThat(edge.json("GET", "/apps/metered/logs?limit=0", null).statusCode())
                .isEqualTo(400);
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int round = 0; round < 2; round++) { // the second sees the management port's own timer
                for (ServiceName service : ServiceName.values()) {
                    int port = suite.stack().managementPort + service.ordinal();
                    HttpResponse<String> page = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(page.statusCode()).as(service.id()).isEqualTo(200);
                    scraped.add(service.id(), page.body());
                    pages.put(service.id(), page.body());
                }
            }
        }
    }

    @Test
    void everyMetricTheDashboardsAndAlertsReadIsExported() throws Exception {
        Set<String> planned = MetricsTable.rows(
                        MetricsTable.section(MetricsTable.doc(), MetricsTable.PLANNED_BEGIN, MetricsTable.PLANNED_END))
                .keySet();
        Map<String, Set<String>> unknown = new TreeMap<>();
        Map<String, String> expressions = MonitoringFiles.expressions();
        assertThat(expressions).hasSizeGreaterThan(100);
        expressions.forEach((where, expr) -> {
            Set<String> names = PromQlNames.in(expr);
            assertThat(names).as("%s reads no metric: %s", where, expr).isNotEmpty();
            for (String name : names) {
                if (!scraped.sampleNames.contains(name) && !PROMETHEUS_OWN.contains(name) && !planned.contains(name)) {
                    unknown.computeIfAbsent(name, n -> new TreeSet<>()).add(where);
                }
            }
        });
        assertThat(unknown)
                .as("metric names no service exports, and where they are used")
                .isEmpty();
        assertThat(planned)
                .as("planned metrics that are exported now: move them to the main table of docs/metrics.md")
                .doesNotContainAnyElementsOf(scraped.families.keySet());
    }

    @Test
    void theTrafficIsMeasuredWhereItPassed() {
        String gateway = pages.get("gateway");
        String edge = "fazt_gateway_http_request_duration_seconds_count";
        assertThat(sum(gateway, edge, "route=\"site\"", "outcome=\"success\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(gateway, edge, "route=\"site\"", "outcome=\"client_error\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sum(gateway, edge, "route=\"function\"", "outcome=\"success\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sum(gateway, edge, "route=\"admin\"", "outcome=\"client_error\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sum(gateway, edge, "route=\"health\"", "outcome=\"success\""))
                .isGreaterThanOrEqualTo(1);
        for (ServiceName service : ServiceName.values()) {
            assertThat(sum(
                            pages.get(service.id()),
                            "fazt_nats_request_duration_seconds_count",
                            "endpoint=\"health\"",
                            "outcome=\"success\""))
                    .as("%s timed the health request of the suite's health", service.id())
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(sum(pages.get("runtime"), "fazt_nats_request_duration_seconds_count", "endpoint=\"invoke\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sum(pages.get("runtime"), "fazt_runtime_invocations_limit")).isPositive();
    }

    @Test
    void storageMeasuresTheDatabaseOnItsBackgroundLoop() throws Exception {
        int port = suite.stack().managementPort + ServiceName.STORAGE.ordinal();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); // the loop reads once a minute
        double bytes = 0;
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (bytes <= 0 && System.nanoTime() < deadline) {
                String page = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                bytes = sum(page, "fazt_storage_database_bytes");
                if (bytes <= 0) {
                    Thread.sleep(1000);
                }
            }
        }
        assertThat(bytes).as("fazt_storage_database_bytes within 90 s").isGreaterThan(1_000_000);
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}. */
    private static double sum(String page, String name, String... labels) {
        return page.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void faztMetricsFollowTheNamingScheme() {
        Set<String> services = new TreeSet<>(Set.of("nats"));
        for (ServiceName service : ServiceName.values()) {
            services.add(service.id());
        }
        scraped.families.values().stream()
                .filter(f -> f.name().startsWith("fazt_"))
                .forEach(f -> {
                    String owner = f.name().split("_")[1];
                    assertThat(services)
                            .as("%s: fazt_<service or nats>_...", f.name())
                            .contains(owner);
                    if (f.type().equals("counter")) {
                        assertThat(f.name()).as("counter").endsWith("_total");
                    }
                    if (f.type().equals("histogram")) {
                        assertThat(f.name())
                                .as("a latency histogram is in seconds")
                                .endsWith("_seconds");
                    }
                    assertThat(f.help()).as("%s has a description", f.name()).isNotBlank();
                    assertThat(f.labels())
                            .as("%s: bounded labels only (no app, host or path)", f.name())
                            .doesNotContain("app", "host", "path", "name");
                });
    }

    @Test
    void docsMetricsTableIsWhatTheServicesExport() throws Exception {
        String doc = MetricsTable.doc();
        String table = MetricsTable.render(
                MetricsTable.rows(MetricsTable.section(doc, MetricsTable.BEGIN, MetricsTable.END)), scraped);
        if (Boolean.getBoolean("fazt.metrics.write")) {
            Files.writeString(MetricsTable.DOC, MetricsTable.withTable(doc, table));
        }
        assertThat(MetricsTable.section(MetricsTable.doc(), MetricsTable.BEGIN, MetricsTable.END))
                .as("docs/metrics.md is out of date; run MonitoringE2E with -Dfazt.metrics.write=true and commit it")
                .isEqualTo(table);
    }
}
