package fazt.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import fazt.runtime.config.RuntimeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's environment variables become `runtime.*` properties, and bad values stop startup with a clear message. */
class RuntimeServiceTest {
    private static Map<String, Object> properties(Map<String, String> env) {
        return SettingValues.read(new RuntimeService().settings(), env, ServiceName.RUNTIME)
                .properties();
    }

    @Test
    void limitsFromTheEnvironment() {
        Map<String, Object> properties = properties(Map.of(
                "FAZT_FUNCTION_TIMEOUT_MS",
                "5000",
                "FAZT_RUNTIME_MEMORY_BUDGET_MB",
                "64",
                "FAZT_RUNTIME_MAX_FETCHES",
                "0",
                "FAZT_RUNTIME_IDLE_TIMEOUT_MS",
                "60000",
                "FAZT_RUNTIME_FETCH_ALLOW_HOSTS",
                " api.internal , ,intranet.lan"));
        assertThat(properties)
                .containsEntry("runtime.wall-time", "5000ms")
                .containsEntry("runtime.idle-timeout", "60000ms")
                .containsEntry("runtime.memory-budget", 64L << 20)
                .containsEntry("runtime.max-fetches", 0L)
                .containsEntry("runtime.fetch-allowed-hosts", List.of("api.internal", "intranet.lan"));
    }

    @Test
    void unsetLimitsGetTheConfigDefaults() {
        assertThat(properties(Map.of()))
                .containsEntry("runtime.wall-time", RuntimeConfig.DEFAULT_WALL_TIME.toMillis() + "ms")
                .containsEntry("runtime.statement-limit", RuntimeConfig.DEFAULT_STATEMENT_LIMIT)
                .doesNotContainKey("runtime.memory-budget")
                .containsEntry("runtime.max-invocations", (long) RuntimeConfig.DEFAULT_MAX_INVOCATIONS)
                .containsEntry("runtime.idle-timeout", RuntimeConfig.DEFAULT_IDLE_TIMEOUT.toMillis() + "ms")
                .containsEntry("runtime.check-time", RuntimeConfig.DEFAULT_CHECK_TIME.toMillis() + "ms")
                .doesNotContainKey("runtime.fetch-allowed-hosts");
    }

    @Test
    void theNamesBeforeAdr23StillWorkWithAWarning() {
        SettingValues values = SettingValues.read(
                new RuntimeService().settings(),
                Map.of("RUNTIME_WALL_TIME_MS", "5000", "RUNTIME_MAX_CONTEXTS", "8"),
                ServiceName.RUNTIME);
        assertThat(values.properties())
                .containsEntry("runtime.wall-time", "5000ms")
                .containsEntry("runtime.max-contexts", 8L);
        assertThat(values.warnings())
                .containsExactlyInAnyOrder(
                        "RUNTIME_WALL_TIME_MS is deprecated; rename it FAZT_FUNCTION_TIMEOUT_MS",
                        "RUNTIME_MAX_CONTEXTS is deprecated; rename it FAZT_RUNTIME_MAX_CONTEXTS");
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> properties(Map.of("FAZT_FUNCTION_TIMEOUT_MS", "soon")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("FAZT_FUNCTION_TIMEOUT_MS: expected milliseconds from 100 to 900000, got \"soon\"");
        assertThatThrownBy(() -> properties(Map.of("RUNTIME_MAX_CONTEXTS", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("RUNTIME_MAX_CONTEXTS: expected a whole number of at least 1, got \"0\"");
    }

    @Test
    void configDefaultsAndValidation() {
        RuntimeConfig defaults = RuntimeConfig.defaults();
        assertThat(defaults.wallTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.fetchAllowedHosts()).isEmpty();
        assertThatThrownBy(() -> new RuntimeConfig(
                        Duration.ZERO,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .hasMessage("runtime.wall-time: expected a positive value, got 0");
        assertThatThrownBy(() -> new RuntimeConfig(
                        null, null, null, null, null, null, null, null, 1024L, null, null, null, null, null, null))
                .hasMessage("runtime.stack-bytes: expected at least 524288, got 1024");
    }

    @Test
    void theDefaultsFitTheDefaultHeapAndTheBudgetFollowsTheFormula() {
        RuntimeConfig config = withHeap(320L << 20, null, null);
        // usable 272 MB − reserve 64 MB − 32 contexts × 1 MB = 176 MB for 8 invocations
        assertThat(config.memoryBudget()).isEqualTo((((long) ((320L << 20) * 0.85)) - (64L << 20) - (32L << 20)) / 8);
        assertThat(config.memoryBudget()).isBetween(21L << 20, 23L << 20);
        assertThat(config.memoryPlan().appShare()).isEqualTo(2);
        // on a big heap the derived budget stops at 512 MB
        assertThat(withHeap(8L << 30, null, null).memoryBudget()).isEqualTo(512L << 20);
    }

    @Test
    void settingsWhoseSumExceedsTheHeapStopTheServiceWithOneLine() {
        assertThatThrownBy(() -> withHeap(320L << 20, 64L << 20, null))
                .isInstanceOf(SettingsException.class)
                .hasMessage("FAZT_RUNTIME_MEMORY_BUDGET_MB: reserve 64 MB + 32 contexts × 1 MB + 8 invocations × 64 MB"
                        + " budget = 608 MB exceeds 85% of the 320 MB heap (272 MB); lower FAZT_RUNTIME_MEMORY_BUDGET_MB"
                        + " or FAZT_RUNTIME_MAX_INVOCATIONS, or raise FAZT_HEAP");
        assertThatThrownBy(() -> withHeap(128L << 20, null, 16))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(
                        "FAZT_RUNTIME_MEMORY_BUDGET_MB: the 128 MB heap leaves less than 8 MB per" + " invocation");
        assertThat(withHeap(320L << 20, 20L << 20, null).memoryBudget()).isEqualTo(20L << 20);
    }

    private static RuntimeConfig withHeap(long heap, Long budget, Integer invocations) {
        return new RuntimeConfig(
                null, null, budget, null, null, null, null, null, null, null, invocations, null, null, null, heap);
    }
}
