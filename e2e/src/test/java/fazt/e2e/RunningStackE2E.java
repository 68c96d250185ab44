package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The extension the other journeys start their stacks with, where it matters most: when things go wrong. */
class RunningStackE2E {
    @Test
    void aStackThatDoesNotComeUpFailsTheClassWithTheCauseAndLeavesNothingRunning() throws Exception {
        RunningStack suite = RunningStack.oneJvm().env("FAZT_RUNTIME_INSTANCES", "0");

        Throwable failed = catchThrowable(() -> suite.beforeAll(null));

        assertThat(failed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("scripts/stack up exited 1")
                .hasMessageContaining(
                        "FAZT_RUNTIME_INSTANCES: expected a number of runtime-svc processes from 1 to 16, got \"0\"");
        assertThatThrownBy(suite::stack).isInstanceOf(IllegalStateException.class);
        suite.afterAll(null);
    }

    @Test
    void aFailureGetsTheEndOfEveryServiceLog() throws Exception {
        Path logs = Files.createTempDirectory("fazt-logs-");
        Files.writeString(
                logs.resolve("gateway.log"),
                IntStream.rangeClosed(1, 100)
                        .mapToObj(i -> "gateway line " + i)
                        .collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(logs.resolve("auth.log"), "auth started\n");
        Files.writeString(logs.resolve("notes.txt"), "not a log\n");

        String tails = RunningStack.logTails(logs);

        assertThat(tails)
                .startsWith("--- auth.log (last 60 of 1 lines)\nauth started\n--- gateway.log (last 60 of 100 lines)\n")
                .contains("gateway line 41\n")
                .doesNotContain("gateway line 40\n")
                .endsWith("gateway line 100\n")
                .doesNotContain("not a log");
        assertThat(RunningStack.logTails(logs.resolve("missing"))).startsWith("(no logs under ");
    }
}
