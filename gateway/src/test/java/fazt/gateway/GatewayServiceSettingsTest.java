package fazt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayServiceSettingsTest {
    private static Map<String, Object> properties(Map<String, String> env) {
        return new GatewayService().properties(null, env);
    }

    @Test
    void functionLimitsComeFromTheEnvironment() {
        assertThat(properties(Map.of("FAZT_FUNCTION_TIMEOUT_MS", "2500", "FAZT_FUNCTION_MAX_BODY_MB", "5",
                "FAZT_GATEWAY_CACHE_MB", "8")))
                .containsEntry("gateway.functions.timeout-millis", 2500)
                .containsEntry("gateway.functions.max-body-bytes", 5L * 1024 * 1024)
                .containsEntry("gateway.cache-bytes", 8L * 1024 * 1024);
        assertThat(properties(Map.of())).isEmpty();
    }

    @Test
    void aBadValueStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> properties(Map.of("FAZT_FUNCTION_TIMEOUT_MS", "10")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("FAZT_FUNCTION_TIMEOUT_MS")
                .hasMessageContaining("expected milliseconds 100-900000, got \"10\"");
        assertThatThrownBy(() -> properties(Map.of("FAZT_FUNCTION_MAX_BODY_MB", "lots")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("FAZT_FUNCTION_MAX_BODY_MB");
    }
}
