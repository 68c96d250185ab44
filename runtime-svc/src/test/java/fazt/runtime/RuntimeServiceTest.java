package fazt.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.SettingsException;
import fazt.runtime.config.RuntimeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's environment variables become `runtime.*` properties, and bad values stop startup with a clear message. */
class RuntimeServiceTest {
    private final RuntimeService service = new RuntimeService();

    @Test
    void limitsFromTheEnvironment() {
        Map<String, Object> properties = service.properties(null, Map.of("RUNTIME_WALL_TIME_MS", "5000",
                "RUNTIME_MEMORY_BUDGET_MB", "64", "RUNTIME_MAX_FETCHES", "0", "RUNTIME_IDLE_TIMEOUT_MS", "60000",
                "RUNTIME_FETCH_ALLOW_HOSTS", " api.internal , ,intranet.lan"));
        assertThat(properties).containsEntry("runtime.wall-time", "5000ms")
                .containsEntry("runtime.idle-timeout", "60000ms")
                .containsEntry("runtime.memory-budget", 64L << 20)
                .containsEntry("runtime.max-fetches", 0L)
                .containsEntry("runtime.fetch-allowed-hosts", List.of("api.internal", "intranet.lan"));
        assertThat(service.properties(null, Map.of())).isEmpty();
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> service.properties(null, Map.of("RUNTIME_WALL_TIME_MS", "soon")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("RUNTIME_WALL_TIME_MS").hasMessageContaining("expected a whole number, got soon");
        assertThatThrownBy(() -> service.properties(null, Map.of("RUNTIME_MAX_CONTEXTS", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("expected a whole number of at least 1, got 0");
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
