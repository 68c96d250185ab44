package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.TestSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The statement limit counts per invocation: a busy request fails, the next starts from zero. */
class StatementLimitIT {
    static final TestSuite suite = RuntimeHarness.suite().with("FAZT_RUNTIME_STATEMENT_LIMIT", "2000000");

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    @Test
    void busyLoopRunsIntoTheStatementLimitAndTheLimitResetsPerInvocation() throws Exception {
        runtime.env("busy", Map.of());
        RuntimeHarness.App app = runtime.deploy("busy", "api/main.js", """
                export default {
                  fetch(request) {
                    const n = Number(new URL(request.url).searchParams.get('n'));
                    let sum = 0;
                    for (let i = 0; i < n; i++) { sum += i; }
                    return new Response(String(sum));
                  }
                };
                """);
        ProblemException failure = catchThrowableOfType(
                ProblemException.class, () -> runtime.invoke(app, "GET", "/api/?n=100000000", null));
        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().type()).endsWith("/runtime/statement-limit");
        // 3 x 400k loop statements: each invocation stays under 2M, together they would not.
        for (int i = 0; i < 3; i++) {
            assertThat(runtime.invoke(app, "GET", "/api/?n=400000", null).body())
                    .isEqualTo("79999800000");
        }
    }
}
