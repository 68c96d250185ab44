package fazt.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.runtime.RuntimeService;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The figures in docs/app-logs.md: the reads at volume (two apps with {@code -Dfazt.observe.records} records and log
 * lines each, interleaved), checked for correctness and timed. Opt-in, as it stores some 100 MB in JetStream:
 * {@code -Dfazt.measure=true -Dit.test=ObserveVolumeIT}. Timings are printed, never asserted.
 */
class ObserveVolumeIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new RuntimeService());

    @Test
    void readsStayBoundedAtVolume() throws Exception {
        assumeTrue(Boolean.getBoolean("fazt.measure"), "opt-in: -Dfazt.measure=true");
        int n = Integer.getInteger("fazt.observe.records", 100_000);
        try (Connection nats = suite.nats().connect()) {
            SubjectRoot root = suite.nats().root();
            publish(nats.jetStream(), root, n);
            LogStreams streams = new LogStreams(root);
            InvocationHistory history = new InvocationHistory(nats, streams);
            AppLogPages pages = new AppLogPages(nats, streams);
            for (int round = 1; round <= 3; round++) {
                List<InvocationHistory.Window> metrics = time(round, "metrics", () -> history.metrics("a_main"));
                assertThat(metrics.get(1).requests()).isEqualTo(n);
                assertThat(metrics.get(1).sampled()).isEqualTo(n > InvocationHistory.SCAN_CAP);
                InvocationHistory.Recent recent =
                        time(round, "requests limit=50", () -> history.recent("a_main", 50, r -> true, false));
                assertThat(recent.requests().getFirst().requestId()).isEqualTo("req-" + (n - 1));
                InvocationHistory.Recent errors = time(
                        round,
                        "requests status=error",
                        () -> history.recent("a_main", 50, InvocationStats::failed, true));
                assertThat(errors.truncated()).isEqualTo(n > InvocationHistory.SCAN_CAP);
                AppLogPages.Page page = time(
                        round,
                        "logs page of 1000",
                        () -> pages.page(
                                "a_main", new LogQuery(null, Instant.now().minusSeconds(3600), 1000, LogLevel.DEBUG)));
                assertThat(page.lines()).hasSize(Math.min(n, 1000));
                time(
                        round,
                        "logs level=error (none)",
                        () -> pages.page(
                                "a_main", new LogQuery(null, Instant.now().minusSeconds(3600), 1000, LogLevel.ERROR)));
                AppLogPages.Page caughtUp =
                        pages.page("a_main", new LogQuery(Long.MAX_VALUE / 2, null, 100, LogLevel.DEBUG));
                time(
                        round,
                        "logs poll when caught up",
                        () -> pages.page(
                                "a_main", new LogQuery(Long.parseLong(caughtUp.cursor()), null, 100, LogLevel.DEBUG)));
            }
        }
    }

    /** n records and n lines for each of two apps, interleaved; the first three records of each are errors. */
    private static void publish(JetStream js, SubjectRoot root, int n) throws Exception {
        long started = System.nanoTime();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (String app : List.of("a_main", "a_other")) {
                acks.add(js.publishAsync(
                        root.qualify(RuntimeSubjects.invocations(app)),
                        MessageCodec.INSTANCE.encode(new InvocationRecord(
                                app,
                                "req-" + i,
                                Instant.now(),
                                "http",
                                "GET",
                                "/api/x",
                                i < 3 ? 500 : 200,
                                i % 97,
                                i % 50 == 0,
                                "inst",
                                i < 3 ? "Error: early" : null))));
                acks.add(js.publishAsync(
                        root.qualify(RuntimeSubjects.appLog(app)),
                        MessageCodec.INSTANCE.encode(new AppLogLine(
                                app, Instant.now(), i % 10 == 0 ? "warn" : "info", "line " + i, "req-" + i, "inst"))));
            }
            if (acks.size() > 4000) {
                for (CompletableFuture<PublishAck> ack : acks) {
                    ack.get();
                }
                acks.clear();
            }
        }
        for (CompletableFuture<PublishAck> ack : acks) {
            ack.get();
        }
        System.out.printf(
                "observe-volume: stored %d records and %d lines in %d ms%n",
                2 * n, 2 * n, (System.nanoTime() - started) / 1_000_000);
    }

    private static <T> T time(int round, String what, Callable<T> call) throws Exception {
        long started = System.nanoTime();
        T result = call.call();
        System.out.printf(
                "observe-volume: round %d %s: %d ms%n", round, what, (System.nanoTime() - started) / 1_000_000);
        return result;
    }
}
