package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #21's poison requests against the split suite with the runtime's default heap and limits (ADR 0034): one
 * app's request reads an 8 MB file 60 times at once, another app hoards memory in {@code globalThis} across
 * requests, while a second app is probed every 250 ms. Isolation, without a latency bound (a loaded 2-core CI machine
 * makes any bound a coin toss): every probe of the healthy app answers 200 with its body while the poison runs, the
 * poison fails alone and runs once, and runtime-svc stays the same process. The probes' latencies (p50, p99, worst;
 * issue #21 asks p99 under 1 s, a figure for bench/, not an assertion) and the runtime's heap high-water mark (its
 * /metrics, sampled with each probe) are printed for the record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonE2E {
    private static final Duration PROBE_EVERY = Duration.ofMillis(250);
    /** Probes answered before the probing stops: counted, not timed, so a slow machine only makes the run longer. */
    private static final int MIN_PROBES = 12;

    @RegisterExtension
    static final RunningStack suite = RunningStack.split();

    private static Edge probeEdge;
    private final Edge edge = suite.edge();

    @BeforeAll
    static void deployApps() throws Exception {
        Edge edge = suite.edge();
        edge.deployFiles("probe", "api/main.js", "export default { fetch() { return new Response('pong'); } };");
        edge.deployFiles("poison", "api/main.js", """
                export default {
                  async fetch(request, env) {
                    const path = new URL(request.url).pathname;
                    if (path === '/api/store') {
                      await env.FILES.put('big.bin', new Uint8Array(8 << 20).fill(7));
                      return new Response('stored');
                    }
                    if (path === '/api/runs') return new Response(String((await env.KV.get('runs')) ?? 0));
                    await env.KV.put('runs', ((await env.KV.get('runs')) ?? 0) + 1);
                    const files = await Promise.all(Array.from({ length: 60 }, () => env.FILES.get('big.bin')));
                    const sizes = await Promise.all(files.map(async (f) => (await f.arrayBuffer()).byteLength));
                    return new Response(String(sizes.reduce((a, b) => a + b, 0)));
                  }
                };
                """);
        edge.deployFiles("hoarder", "api/main.js", """
                export default {
                  async fetch() {
                    globalThis.hoard ??= [];
                    globalThis.hoard.push(new Uint8Array(16 << 20).fill(1));
                    return new Response(String(globalThis.hoard.length));
                  }
                };
                """);
        probeEdge = new Edge(suite.stack());
        // the probe's own cold start is not the poison's doing
        assertThat(Edge.text(probeEdge.get("probe.localhost", "/api/"))).isEqualTo("pong");
    }

    @AfterAll
    static void closeProbeEdge() {
        if (probeEdge != null) {
            probeEdge.close();
        }
    }

    @Test
    @Order(1)
    void sixtyParallelReadsOfAnEightMegabyteFileCostOnlyTheirOwnRequest() throws Exception {
        HttpResponse<byte[]> stored = edge.get("poison.localhost", "/api/store");
        assertThat(stored.statusCode()).as(Edge.text(stored)).isEqualTo(200);
        long runtimePid = runtimePid();

        Probes probes = Probes.start();
        HttpResponse<byte[]> poison = edge.get("poison.localhost", "/api/poison");
        List<Probe> results = probes.stopAfter(MIN_PROBES);

        assertThat(poison.statusCode()).as(Edge.text(poison)).isEqualTo(500);
        assertThat(Edge.jsonOf(poison).get("detail").asText()).contains("memory budget");
        assertThat(Edge.text(edge.get("poison.localhost", "/api/runs"))).isEqualTo("1");
        probes.assertAllAnswered(results, "60 × 8 MB env.FILES.get");
        assertThat(runtimePid()).as("runtime-svc survived").isEqualTo(runtimePid);
    }

    @Test
    @Order(2)
    void memoryHoardedInGlobalThisCostsOnlyTheHoarder() throws Exception {
        long runtimePid = runtimePid();
        Probes probes = Probes.start();
        List<Integer> statuses = new ArrayList<>();
        int most = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<byte[]> hoard = edge.get("hoarder.localhost", "/api/");
            statuses.add(hoard.statusCode());
            if (hoard.statusCode() == 200) {
                most = Math.max(most, Integer.parseInt(Edge.text(hoard)));
            } else {
                assertThat(hoard.headers().firstValue("content-type")).hasValue("application/problem+json");
            }
        }
        List<Probe> results = probes.stopAfter(MIN_PROBES);

        // a context is recycled once its invocations allocated 2 budgets (40 MB): the hoard never grows past a few
        assertThat(most).as("statuses " + statuses).isBetween(1, 4);
        assertThat(statuses).allMatch(s -> s == 200 || s == 500);
        probes.assertAllAnswered(results, "globalThis hoarder");
        assertThat(runtimePid()).as("runtime-svc survived").isEqualTo(runtimePid);
    }

    private static long runtimePid() throws Exception {
        return Long.parseLong(
                Files.readString(suite.stack().home.resolve("run/runtime.pid")).trim());
    }

    record Probe(int status, long millis) {}

    /** Calls the probe app every 250 ms on its own thread and samples the runtime's heap with each call. */
    static final class Probes {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final List<Probe> results = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong heapHighWater = new AtomicLong();
        private final HttpClient metrics =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        static Probes start() {
            Probes probes = new Probes();
            probes.timer.scheduleAtFixedRate(probes::probe, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            return probes;
        }

        private void probe() {
            long started = System.nanoTime();
            int status;
            try {
                HttpResponse<byte[]> pong = probeEdge.get("probe.localhost", "/api/");
                status = "pong".equals(Edge.text(pong)) ? pong.statusCode() : -pong.statusCode();
            } catch (Exception e) {
                status = 0;
            }
            results.add(new Probe(status, (System.nanoTime() - started) / 1_000_000));
            sampleHeap();
        }

        private void sampleHeap() {
            try {
                int port = suite.stack().managementPort + 4; // runtime is the fifth service of scripts/stack
                HttpResponse<String> scrape = metrics.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long used = scrape.body()
                        .lines()
                        .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .sum();
                heapHighWater.accumulateAndGet(used, Math::max);
            } catch (Exception e) {
                // a missed sample only lowers the recorded high-water mark
            }
        }

        /** Stops once at least {@code count} probes were answered (a liveness bound of minutes, not a latency). */
        List<Probe> stopAfter(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (results.size() < count && System.nanoTime() - deadline < 0) {
                Thread.sleep(PROBE_EVERY.toMillis());
            }
            timer.shutdown();
            assertThat(timer.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            return List.copyOf(results);
        }

        void assertAllAnswered(List<Probe> probes, String poison) {
            assertThat(probes).as("probes during " + poison).hasSizeGreaterThanOrEqualTo(MIN_PROBES);
            List<Long> millis = probes.stream().map(Probe::millis).sorted().toList();
            System.out.printf(
                    "poison %s: %d probes, latency p50 %d ms, p99 %d ms, worst %d ms, runtime heap high-water %d MB"
                            + " (load %s)%n",
                    poison,
                    probes.size(),
                    percentile(millis, 0.50),
                    percentile(millis, 0.99),
                    millis.getLast(),
                    heapHighWater.get() >> 20,
                    loadAverage());
            assertThat(probes)
                    .as("every probe of the healthy app answered 200 'pong' during " + poison)
                    .allMatch(p -> p.status() == 200);
        }

        private static long percentile(List<Long> sorted, double p) {
            return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
        }

        private static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).strip();
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
