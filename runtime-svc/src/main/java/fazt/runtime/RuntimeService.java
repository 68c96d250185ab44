package fazt.runtime;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.HashMap;
import java.util.Map;

/**
 * Registers the runtime service with the fazt launcher. Its limits come from optional environment variables
 * (docs/runtime-engine.md): {@code RUNTIME_WALL_TIME_MS}, {@code RUNTIME_STATEMENT_LIMIT},
 * {@code RUNTIME_MEMORY_BUDGET_MB}, {@code RUNTIME_MAX_FETCHES}, {@code RUNTIME_POOL_PER_VERSION},
 * {@code RUNTIME_MAX_CONTEXTS}, {@code RUNTIME_IDLE_TIMEOUT_MS}, {@code RUNTIME_CHECK_TIME_MS},
 * {@code RUNTIME_FETCH_ALLOW_HOSTS}.
 */
public final class RuntimeService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.RUNTIME;
    }

    @Override
    public Map<String, Object> properties(BootstrapSettings settings, Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>();
        number(env, "RUNTIME_WALL_TIME_MS", 1).ifPresent(v -> properties.put("runtime.wall-time", v + "ms"));
        number(env, "RUNTIME_STATEMENT_LIMIT", 1).ifPresent(v -> properties.put("runtime.statement-limit", v));
        number(env, "RUNTIME_MEMORY_BUDGET_MB", 1).ifPresent(v -> properties.put("runtime.memory-budget", v << 20));
        number(env, "RUNTIME_MAX_FETCHES", 0).ifPresent(v -> properties.put("runtime.max-fetches", v));
        number(env, "RUNTIME_POOL_PER_VERSION", 1).ifPresent(v -> properties.put("runtime.pool-per-version", v));
        number(env, "RUNTIME_MAX_CONTEXTS", 1).ifPresent(v -> properties.put("runtime.max-contexts", v));
        number(env, "RUNTIME_IDLE_TIMEOUT_MS", 1).ifPresent(v -> properties.put("runtime.idle-timeout", v + "ms"));
        number(env, "RUNTIME_CHECK_TIME_MS", 1).ifPresent(v -> properties.put("runtime.check-time", v + "ms"));
        String allowed = env.get("RUNTIME_FETCH_ALLOW_HOSTS");
        if (allowed != null && !allowed.isBlank()) {
            properties.put("runtime.fetch-allowed-hosts", java.util.Arrays.stream(allowed.split(","))
                    .map(String::strip).filter(h -> !h.isEmpty()).toList());
        }
        return properties;
    }

    private static java.util.Optional<Long> number(Map<String, String> env, String name, long min) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value < min) {
                throw new SettingsException(name, "expected a whole number of at least " + min + ", got " + raw);
            }
            return java.util.Optional.of(value);
        } catch (NumberFormatException e) {
            throw new SettingsException(name, "expected a whole number, got " + raw);
        }
    }
}
