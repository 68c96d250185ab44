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
                .containsEntry("runtime.memory-budget", RuntimeConfig.DEFAULT_MEMORY_BUDGET)
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
        assertThat(defaults.memoryBudget()).isEqualTo(512L << 20);
        assertThat(defaults.fetchAllowedHosts()).isEmpty();
        assertThatThrownBy(() -> new RuntimeConfig(Duration.ZERO, null, null, null, null, null, null, null, null, null))
                .hasMessage("runtime.wall-time: expected a positive value, got 0");
        assertThatThrownBy(() -> new RuntimeConfig(null, null, null, null, null, null, null, null, 1024L, null))
                .hasMessage("runtime.stack-bytes: expected at least 524288, got 1024");
    }
}
