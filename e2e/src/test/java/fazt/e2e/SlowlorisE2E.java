package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris against a split suite (the gateway in its own process), ADR 19's header timeout set to 5 s: 1,000
 * connections from 20 loopback addresses (50 each, under the per-client cap) trickle one header byte a second and
 * never finish their head. Meanwhile a normal client keeps being served (every GET answered 200 with the page), every
 * slow connection is closed while it is still trickling, none before the header timeout, and the figures (time to
 * close, the normal client's latencies) are printed with the prefix {@code slowloris:}. No upper bound on time is
 * asserted: on a loaded 2-core machine it would measure the load, not the gateway.
 */
class SlowlorisE2E {
    static final int HEADER_TIMEOUT_MS = 5_000;
    static final int ADDRESSES = 20;
    static final int PER_ADDRESS = 50;
    /** How long the slow ones keep trickling at most: were each byte to restart the timer, none would close. */
    static final int TRICKLE_FOR_MS = 60_000;

    static final String INDEX = "<h1>slow</h1>";

    @RegisterExtension
    static final RunningStack suite =
            RunningStack.split().env("FAZT_HTTP_HEADER_TIMEOUT_MS", Integer.toString(HEADER_TIMEOUT_MS));

    @Test
    void aThousandSlowSendersAreClosedByTheHeaderTimeoutWhileNormalClientsAreServed() throws Exception {
        suite.edge().deployFiles("app", "index.html", INDEX);
        int port = suite.stack().httpPort;
        long gateway = Long.parseLong(
                Files.readString(suite.stack().home.resolve("run/gateway.pid")).trim());
        normalGet(port);
        long rssIdle = EdgeHostileE2E.rssKib(gateway);

        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= ADDRESSES; i++) {
            addresses.add(InetAddress.getByName("127.0.1." + i));
        }
        AtomicBoolean slowOnesOpen = new AtomicBoolean(true);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (SlowSenders slow =
                SlowSenders.open(port, addresses, PER_ADDRESS, "GET / HTTP/1.1\r\nHost: app.localhost\r\nX-Slow: ")) {
            long rssOpen = EdgeHostileE2E.rssKib(gateway);
            long stillOpen = slow.open();
            CompletableFuture<Void> normal = CompletableFuture.runAsync(() -> {
                while (slowOnesOpen.get()) {
                    latencies.add(SuiteHealthE2E.unchecked(() -> normalGet(port)));
                }
            });
            long deadline = System.nanoTime() + TRICKLE_FOR_MS * 1_000_000L;
            while (slow.open() > 0 && System.nanoTime() < deadline) {
                slow.trickle();
                slow.await(1_000);
            }
            slowOnesOpen.set(false);
            normal.join();

            List<Long> toClose = slow.all().stream()
                    .filter(SlowSenders.Slow::closed)
                    .map(SlowSenders.Slow::millisToClose)
                    .sorted()
                    .toList();
            long answered408 = slow.all().stream()
                    .filter(s -> s.answer.toString().startsWith("HTTP/1.1 408"))
                    .count();
            List<Long> sortedLatencies = latencies.stream().sorted().toList();
            System.out.printf(
                    "slowloris: %d slow connections from %d addresses, %d open after connecting%n",
                    slow.all().size(), ADDRESSES, stillOpen);
            System.out.printf(
                    "slowloris: gateway RSS idle %d MiB, with the slow connections open %d MiB%n",
                    rssIdle / 1024, rssOpen / 1024);
            System.out.printf(
                    "slowloris: closed %d of %d (%d with a 408 first); ms from first byte to close: "
                            + "min %d, median %d, max %d (header timeout %d ms)%n",
                    toClose.size(),
                    slow.all().size(),
                    answered408,
                    percentile(toClose, 0),
                    percentile(toClose, 50),
                    percentile(toClose, 100),
                    HEADER_TIMEOUT_MS);
            System.out.printf(
                    "slowloris: normal client meanwhile: %d sequential GETs, latency ms p50 %.2f, p99 %.2f, "
                            + "max %.2f%n",
                    sortedLatencies.size(),
                    percentile(sortedLatencies, 50) / 1000.0,
                    percentile(sortedLatencies, 99) / 1000.0,
                    percentile(sortedLatencies, 100) / 1000.0);

            assertThat(stillOpen)
                    .as("all slow connections accepted and open at first")
                    .isEqualTo((long) ADDRESSES * PER_ADDRESS);
            assertThat(toClose)
                    .as("every slow connection closed while still trickling")
                    .hasSize(ADDRESSES * PER_ADDRESS);
            assertThat(percentile(toClose, 0))
                    .as("none closed before the header timeout")
                    .isGreaterThanOrEqualTo(HEADER_TIMEOUT_MS - 500L);
            assertThat(slow.all()).allSatisfy(s -> assertThat(s.answer.toString())
                    .as("what a slow one got")
                    .satisfiesAnyOf(
                            a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 408")));
            assertThat(sortedLatencies)
                    .as("normal GETs while the slow ones were open")
                    .isNotEmpty();
        } finally {
            slowOnesOpen.set(false);
        }
        normalGet(port);
    }

    /** One GET of the index on a fresh connection from 127.0.0.1, asserted 200; returns its latency in µs. */
    static long normalGet(int port) throws Exception {
        long start = System.nanoTime();
        try (RawHttp http = RawHttp.connect(port, InetAddress.getByName("127.0.0.1"))) {
            RawHttp.Response index =
                    http.send("GET / HTTP/1.1\r\nHost: app.localhost\r\n\r\n").read(false);
            assertThat(index).as("a normal GET").isNotNull();
            assertThat(index.status()).as("a normal GET: %s", index).isEqualTo(200);
            assertThat(index.text()).isEqualTo(INDEX);
        }
        return (System.nanoTime() - start) / 1_000;
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - (p == 0 ? 0 : 1)));
    }
}
