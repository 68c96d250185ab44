package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.TestSuite;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every per-invocation limit stops only the request that ran past it: the caller gets a clear problem, the JVM and
 * the runtime keep going, the next request to the same app works, and another app is unaffected.
 */
class LimitsIT {
    static final TestSuite suite = RuntimeHarness.suite()
            .with("FAZT_FUNCTION_TIMEOUT_MS", "5000")
            .with("FAZT_RUNTIME_MEMORY_BUDGET_MB", "64")
            .with("FAZT_RUNTIME_MAX_FETCHES", "2");

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    static RuntimeHarness.App bystander;

    @BeforeAll
    static void deployBystander() {
        runtime.env("bystander", Map.of());
        bystander = runtime.deploy(
                "bystander", "api/main.js", "export default { fetch() { return new Response('still here'); } };");
    }

    /** An app whose path picks the misbehaviour; {@code /api/ok} answers normally. */
    private static RuntimeHarness.App misbehaving(String appId) {
        runtime.env(appId, Map.of());
        return runtime.deploy(appId, "api/main.js", """
                function recurse(n) { return recurse(n + 1) + 1; }
                export default {
                  async fetch(request) {
                    const path = new URL(request.url).pathname;
                    if (path === '/api/loop') { while (true) {} }
                    if (path === '/api/async-loop') { await new Promise((r) => setTimeout(r, 10)); for (;;) {} }
                    if (path === '/api/hog') { const keep = []; while (true) keep.push(new Array(100000).fill(1.5)); }
                    if (path === '/api/huge') { const big = new Uint8Array(2 ** 30 - 1); big.fill(7); return new Response(String(big[5])); }
                    if (path === '/api/recurse') { return new Response(String(recurse(0))); }
                    if (path === '/api/never') { return new Promise(() => {}); }
                    if (path === '/api/slow-timer') { await new Promise((r) => setTimeout(r, 60000)); }
                    return new Response('ok');
                  }
                };
                """);
    }

    private static ProblemException fails(RuntimeHarness.App app, String path) {
        return catchThrowableOfType(ProblemException.class, () -> runtime.invoke(app, "GET", path, null));
    }

    private static void stillServes(RuntimeHarness.App app) throws Exception {
        assertThat(runtime.invoke(app, "GET", "/api/ok", null).body()).isEqualTo("ok");
        assertThat(runtime.invoke(bystander, "GET", "/api/", null).body()).isEqualTo("still here");
    }

    @Test
    void infiniteLoopIsStoppedAtTheWallTimeWith504() throws Exception {
        RuntimeHarness.App app = misbehaving("looper");
        long started = System.nanoTime();
        ProblemException failure = fails(app, "/api/loop");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(failure.problem().status()).isEqualTo(504);
        assertThat(failure.problem().type()).endsWith("/runtime/timeout");
        assertThat(failure.problem().detail()).contains("5000 ms");
        // stopped by the wall time (the type and detail say so), not before it; how late is the machine's business
        assertThat(millis).isGreaterThanOrEqualTo(4_900L);
        stillServes(app);
        assertThat(fails(app, "/api/async-loop").problem().status()).isEqualTo(504);
        assertThat(fails(app, "/api/slow-timer").problem().status()).isEqualTo(504);
        stillServes(app);
    }

    @Test
    void memoryHogIsStoppedAtItsBudgetAndTheJvmSurvives() throws Exception {
        RuntimeHarness.App app = misbehaving("hog");
        ProblemException failure = fails(app, "/api/hog");
        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().type()).endsWith("/runtime/memory-limit");
        assertThat(failure.problem().detail()).contains("memory budget of 64 MB");
        stillServes(app);
        // Again, to show the budget is per invocation and nothing leaked from the first hog.
        assertThat(fails(app, "/api/hog").problem().type()).endsWith("/runtime/memory-limit");
        stillServes(app);
        // One giant allocation: refused by the heap or caught by the budget, never a dead JVM.
        assertThat(fails(app, "/api/huge").problem().type()).endsWith("/runtime/memory-limit");
        stillServes(app);
    }

    @Test
    void deepRecursionIsARangeErrorOfThatRequestOnly() throws Exception {
        RuntimeHarness.App app = misbehaving("recursive");
        ProblemException failure = fails(app, "/api/recurse");
        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().detail())
                .startsWith("RangeError: Maximum call stack size exceeded")
                .contains("api/main.js:1:");
        stillServes(app);
    }

    @Test
    void promiseThatCanNeverSettleFailsAtOnce() throws Exception {
        RuntimeHarness.App app = misbehaving("stuck");
        ProblemException failure = fails(app, "/api/never");
        // never-settled, found when nothing is left to run, not the wall time's 504 runtime/timeout
        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().type()).endsWith("/runtime/never-settled");
        stillServes(app);
    }

    @Test
    void topLevelInfiniteLoopIsStoppedToo() throws Exception {
        runtime.env("toplevel", Map.of());
        RuntimeHarness.App app = runtime.deploy(
                "toplevel",
                "api/main.js",
                "while (true) {}\nexport default { fetch() { return new Response('never'); } };");
        assertThat(fails(app, "/api/").problem().status()).isEqualTo(504);
        assertThat(runtime.invoke(bystander, "GET", "/api/", null).body()).isEqualTo("still here");
    }

    @Test
    void outboundFetchesAreCountedPerInvocation() throws Exception {
        runtime.env("fetcher", Map.of());
        RuntimeHarness.App app = runtime.deploy("fetcher", "api/main.js", """
                export default {
                  async fetch() {
                    const out = [];
                    for (let i = 0; i < 3; i++) {
                      try { await fetch('http://127.0.0.1:9/'); } catch (e) { out.push(e.message); }
                    }
                    return new Response(out.join('|'));
                  }
                };
                """);
        for (int i = 0; i < 2; i++) {
            String[] messages = runtime.invoke(app, "GET", "/api/", null).body().split("\\|");
            assertThat(messages).hasSize(3);
            assertThat(messages[0]).contains("127.0.0.1").contains("refused");
            assertThat(messages[2]).isEqualTo("fetch refused: this invocation already made its 2 outbound fetches");
        }
    }
}
