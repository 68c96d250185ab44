package fazt.gateway;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;

/**
 * Registers the gateway with the fazt launcher. Reads {@code FAZT_GATEWAY_CACHE_MB}: memory for cached file bodies
 * (default 32).
 */
public final class GatewayService implements ServiceDefinition {
    static final String CACHE_MB = "FAZT_GATEWAY_CACHE_MB";

    @Override
    public ServiceName name() {
        return ServiceName.GATEWAY;
    }

    @Override
    public Map<String, Object> properties(BootstrapSettings settings, Map<String, String> env) {
        String value = env.get(CACHE_MB);
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        try {
            long mb = Long.parseLong(value.trim());
            if (mb < 0 || mb > 64 * 1024) {
                throw new NumberFormatException();
            }
            return Map.of("gateway.cache-bytes", mb * 1024 * 1024);
        } catch (NumberFormatException e) {
            throw new SettingsException(CACHE_MB, "expected megabytes 0-65536, got \"" + value + "\"");
        }
    }
}
