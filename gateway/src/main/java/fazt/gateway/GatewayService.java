package fazt.gateway;

import fazt.gateway.edge.intake.TrustedProxies;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;

/**
 * Registers the gateway with the fazt launcher. Reads {@code FAZT_GATEWAY_CACHE_MB}: memory for cached file bodies
 * (default 32); {@code FAZT_FUNCTION_TIMEOUT_MS}: wall time of a function request (default 30000);
 * {@code FAZT_FUNCTION_MAX_BODY_MB}: largest function request body (default 100); the edge's socket limits
 * {@code FAZT_HTTP_*} and {@code FAZT_TRUSTED_PROXIES} ({@link fazt.gateway.edge.socket.EdgeLimits}, ADR 19).
 */
public final class GatewayService implements ServiceDefinition {
    static final String CACHE_MB = "FAZT_GATEWAY_CACHE_MB";
    static final String FUNCTION_TIMEOUT_MS = "FAZT_FUNCTION_TIMEOUT_MS";
    static final String FUNCTION_MAX_BODY_MB = "FAZT_FUNCTION_MAX_BODY_MB";
    static final String HEADER_TIMEOUT_MS = "FAZT_HTTP_HEADER_TIMEOUT_MS";
    static final String IDLE_TIMEOUT_MS = "FAZT_HTTP_IDLE_TIMEOUT_MS";
    static final String BODY_TIMEOUT_MS = "FAZT_HTTP_BODY_TIMEOUT_MS";
    static final String MIN_BODY_RATE = "FAZT_HTTP_MIN_BODY_RATE";
    static final String MAX_CONNECTIONS = "FAZT_HTTP_MAX_CONNECTIONS";
    static final String MAX_CONNECTIONS_PER_CLIENT = "FAZT_HTTP_MAX_CONNECTIONS_PER_CLIENT";
    static final String TRUSTED_PROXIES = "FAZT_TRUSTED_PROXIES";

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
        edgeLimits(env, properties);
        return properties;
    }

    /** The socket limits of ADR 19 ({@code FAZT_HTTP_*}, {@code FAZT_TRUSTED_PROXIES}) into {@code gateway.edge.*}. */
    private static void edgeLimits(Map<String, String> env, Map<String, Object> properties) {
        String[][] numbers = {
            {HEADER_TIMEOUT_MS, "header-timeout-millis", "100", "600000", "milliseconds 100-600000"},
            {IDLE_TIMEOUT_MS, "idle-timeout-millis", "100", "3600000", "milliseconds 100-3600000"},
            {BODY_TIMEOUT_MS, "body-timeout-millis", "100", "3600000", "milliseconds 100-3600000"},
            {MIN_BODY_RATE, "min-body-rate", "0", "1073741824", "bytes per second 0-1073741824"},
            {MAX_CONNECTIONS, "max-connections", "1", "1000000", "a count 1-1000000"},
            {MAX_CONNECTIONS_PER_CLIENT, "max-connections-per-client", "1", "1000000", "a count 1-1000000"},
        };
        for (String[] n : numbers) {
            Long value = number(env, n[0], Long.parseLong(n[2]), Long.parseLong(n[3]), n[4]);
            if (value != null) {
                properties.put("gateway.edge." + n[1], value.intValue());
            }
        }
        String proxies = env.get(TRUSTED_PROXIES);
        if (proxies != null && !proxies.isBlank()) {
            try {
                TrustedProxies.parse(proxies);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(TRUSTED_PROXIES, "expected comma-separated CIDRs such as 10.0.0.0/8: "
                        + e.getMessage());
            }
            properties.put("gateway.edge.trusted-proxies", proxies.trim());
        }
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
