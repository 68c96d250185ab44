package fazt.runtime;

import static fazt.platform.service.settings.Setting.AS_DURATION;

import fazt.platform.service.PlatformSettings;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import fazt.runtime.config.RuntimeConfig;
import java.util.List;

/**
 * The runtime's settings (ADR 23), each becoming a {@code runtime.*} property of {@link RuntimeConfig}; the limits are
 * explained in docs/runtime-engine.md. The names before ADR 23 ({@code RUNTIME_*}) still work, with a warning.
 */
final class RuntimeSettings {
    static final List<Setting> ALL = List.of(
            PlatformSettings.FUNCTION_TIMEOUT.mapsTo("runtime.wall-time", AS_DURATION),
            Setting.number(
                            "FAZT_RUNTIME_STATEMENT_LIMIT",
                            RuntimeConfig.DEFAULT_STATEMENT_LIMIT,
                            1,
                            null,
                            "JavaScript statements one invocation may run (500 `runtime/statement-limit` beyond)")
                    .formerly("RUNTIME_STATEMENT_LIMIT")
                    .mapsTo("runtime.statement-limit"),
            Setting.megabytes(
                            "FAZT_RUNTIME_MEMORY_BUDGET_MB",
                            RuntimeConfig.DEFAULT_MEMORY_BUDGET >> 20,
                            1,
                            null,
                            "heap one invocation may allocate (500 `runtime/memory-limit` beyond)")
                    .formerly("RUNTIME_MEMORY_BUDGET_MB")
                    .mapsTo("runtime.memory-budget"),
            Setting.number(
                            "FAZT_RUNTIME_MAX_FETCHES",
                            (long) RuntimeConfig.DEFAULT_MAX_FETCHES,
                            0,
                            null,
                            "outbound `fetch` calls per invocation")
                    .formerly("RUNTIME_MAX_FETCHES")
                    .mapsTo("runtime.max-fetches"),
            Setting.of(
                            "FAZT_RUNTIME_FETCH_ALLOW_HOSTS",
                            SettingType.LIST,
                            null,
                            "hosts outbound `fetch` may reach even on private or loopback addresses")
                    .defaultText("empty")
                    .formerly("RUNTIME_FETCH_ALLOW_HOSTS")
                    .mapsTo("runtime.fetch-allowed-hosts"),
            Setting.number(
                            "FAZT_RUNTIME_POOL_PER_VERSION",
                            (long) RuntimeConfig.DEFAULT_POOL_PER_VERSION,
                            1,
                            null,
                            "warm JavaScript contexts kept per app version")
                    .formerly("RUNTIME_POOL_PER_VERSION")
                    .mapsTo("runtime.pool-per-version"),
            Setting.number(
                            "FAZT_RUNTIME_MAX_CONTEXTS",
                            (long) RuntimeConfig.DEFAULT_MAX_CONTEXTS,
                            1,
                            null,
                            "JavaScript contexts alive in one runtime instance, busy and warm (503 beyond, after a short wait)")
                    .formerly("RUNTIME_MAX_CONTEXTS")
                    .mapsTo("runtime.max-contexts"),
            Setting.millis(
                            "FAZT_RUNTIME_IDLE_TIMEOUT_MS",
                            RuntimeConfig.DEFAULT_IDLE_TIMEOUT.toMillis(),
                            1,
                            null,
                            "a warm context unused this long is closed (checked every 30 s)")
                    .formerly("RUNTIME_IDLE_TIMEOUT_MS")
                    .mapsTo("runtime.idle-timeout", AS_DURATION),
            Setting.millis(
                            "FAZT_RUNTIME_CHECK_TIME_MS",
                            RuntimeConfig.DEFAULT_CHECK_TIME.toMillis(),
                            1,
                            null,
                            "time limit of the deploy-time check of an app's server code")
                    .formerly("RUNTIME_CHECK_TIME_MS")
                    .mapsTo("runtime.check-time", AS_DURATION));

    private RuntimeSettings() {}
}
