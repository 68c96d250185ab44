package fazt.gateway;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;

/**
 * Registers the gateway with the fazt launcher. Reads {@code FAZT_GATEWAY_CACHE_MB}: memory for cached file bodies
 * (default 32); {@code FAZT_FUNCTION_TIMEOUT_MS}: wall time of a function request (default 30000);
 * {@code FAZT_FUNCTION_MAX_BODY_MB}: largest function request body (default 100).
 */
public final class GatewayService implements ServiceDefinition {
    static final String CACHE_MB = "FAZT_GATEWAY_CACHE_MB";
    static final String FUNCTION_TIMEOUT_MS = "FAZT_FUNCTION_TIMEOUT_MS";
    static final String FUNCTION_MAX_BODY_MB = "FAZT_FUNCTION_MAX_BODY_MB";

    @Override
    public ServiceName name() {
        return ServiceName.GATEWAY;
    }

    @Override
    public Map<String, Object> properties(BootstrapSettings settings, Map<String, String> env) {
        Map<String, Object> properties = new java.util.HashMap<>();
        Long cacheMb = number(env, CACHE_MB, 0, 64 * 1024, "megabytes 0-65536");
        if (cacheMb != null) {
            properties.put("gateway.cache-bytes", cacheMb * 1024 * 1024);
        }
        Long timeout = number(env, FUNCTION_TIMEOUT_MS, 100, 15 * 60 * 1000, "milliseconds 100-900000");
        if (timeout != null) {
            properties.put("gateway.functions.timeout-millis", timeout.intValue());
        }
        Long bodyMb = number(env, FUNCTION_MAX_BODY_MB, 1, 64 * 1024, "megabytes 1-65536");
        if (bodyMb != null) {
            properties.put("gateway.functions.max-body-bytes", bodyMb * 1024 * 1024);
        }
        return properties;
    }

    private static Long number(Map<String, String> env, String name, long min, long max, String expected) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SettingsException(name, "expected " + expected + ", got \"" + value + "\"");
        }
    }
}
