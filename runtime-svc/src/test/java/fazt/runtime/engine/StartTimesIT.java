package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures (prints, never asserts) cold starts (a fresh context plus module load for a newly deployed version) and
 * warm invocations of a hello handler through the FunctionRunner, for docs/runtime-engine.md.
 */
class StartTimesIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    private static final String HELLO = "export default { fetch() { return new Response('hello'); } };";

    @Test
    void coldAndWarmHello() throws Exception {
        runtime.env("timed", Map.of());
        List<Long> cold = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RuntimeHarness.App app = runtime.deploy("timed", "api/main.js", HELLO);
            runtime.bean(AppCodeLoader.class).load(app.namespace()); // reading storage is not part of the figure
            long started = System.nanoTime();
            RuntimeHarness.Response response = runtime.invoke(app, "GET", "/api/", null);
            cold.add(System.nanoTime() - started);
            assertThat(response.cold()).isTrue();
        }
        RuntimeHarness.App app = runtime.deploy("timed", "api/main.js", HELLO);
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long started = System.nanoTime();
            RuntimeHarness.Response response = runtime.invoke(app, "GET", "/api/", null);
            warm.add(System.nanoTime() - started);
            assertThat(response.body()).isEqualTo("hello");
        }
        print("cold start (fresh context + module load)", cold);
        print("warm invoke, last 300", warm.subList(200, 500));
        for (String module : List.of(
                "import _ from 'lodash'",
                "import { z } from 'zod'",
                "import dayjs from 'dayjs'",
                "import { marked } from 'marked'")) {
            RuntimeHarness.App lib = runtime.deploy(
                    "timed", "api/main.js", module + ";\nexport default { fetch() { return new Response('x'); } };");
            runtime.bean(AppCodeLoader.class).load(lib.namespace());
            long started = System.nanoTime();
            runtime.invoke(lib, "GET", "/api/", null);
            System.out.printf("TIMING cold start with %s: %d ms%n", module, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(
                "TIMING %s: n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n",
                what,
                sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.95)) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }
}
