package fazt.runtime;

import static fazt.platform.service.settings.Setting.AS_DURATION;

import fazt.platform.service.PlatformSettings;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import fazt.runtime.config.KvCacheConfig;
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
            Setting.of(
                            "FAZT_RUNTIME_MEMORY_BUDGET_MB",
                            SettingType.MEGABYTES,
                            null,
                            "memory one invocation may take: heap it allocates plus bytes its host calls hold (500"
                                    + " `runtime/memory-limit` beyond)")
                    .range(1, null)
                    .defaultText(
                            "from the heap: (85% of heap − reserve − contexts × 1 MB) / invocations, at most 512 MB")
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
            Setting.number(
                            "FAZT_RUNTIME_MAX_INVOCATIONS",
                            (long) RuntimeConfig.DEFAULT_MAX_INVOCATIONS,
                            1,
                            null,
                            "invocations running at once in one runtime instance (503 beyond, after a short wait)")
                    .mapsTo("runtime.max-invocations"),
            Setting.number(
                            "FAZT_RUNTIME_APP_SHARE_PERCENT",
                            (long) RuntimeConfig.DEFAULT_APP_SHARE_PERCENT,
                            1,
                            100L,
                            "share of the running invocations kept for other apps: an app running this many takes more only"
                                    + " while as many stay free (429 `runtime/app-busy` beyond, after a short wait)")
                    .mapsTo("runtime.app-share-percent"),
            Setting.number(
                            "FAZT_RUNTIME_MAX_HOST_CALLS",
                            (long) RuntimeConfig.DEFAULT_MAX_HOST_CALLS,
                            1,
                            null,
                            "fetches and binding calls one invocation runs at once (more wait in order)")
                    .mapsTo("runtime.max-host-calls"),
            Setting.megabytes(
                            "FAZT_RUNTIME_HEAP_RESERVE_MB",
                            RuntimeConfig.DEFAULT_HEAP_RESERVE >> 20,
                            16,
                            null,
                            "heap the runtime keeps for itself in the memory formula (engine, parsed code, NATS)")
                    .mapsTo("runtime.heap-reserve"),
            Setting.millis(
                            "FAZT_RUNTIME_IDLE_TIMEOUT_MS",
                            RuntimeConfig.DEFAULT_IDLE_TIMEOUT.toMillis(),
                            1,
                            null,
                            "a warm context unused this long is closed (checked every 30 s)")
                    .formerly("RUNTIME_IDLE_TIMEOUT_MS")
                    .mapsTo("runtime.idle-timeout", AS_DURATION),
            Setting.megabytes(
                            "FAZT_RUNTIME_KV_CACHE_MB",
                            KvCacheConfig.DEFAULT_SIZE >> 20,
                            0,
                            null,
                            "`env.KV` values each runtime instance keeps for reads, told of every change by storage-svc"
                                    + " (0: off; docs/storage-bindings.md)")
                    .mapsTo("runtime.kv-cache.size"),
            Setting.millis(
                            "FAZT_RUNTIME_KV_CACHE_MAX_AGE_MS",
                            KvCacheConfig.DEFAULT_MAX_AGE.toMillis(),
                            1,
                            null,
                            "longest an `env.KV` value is read from the cache before storage-svc is asked again")
                    .mapsTo("runtime.kv-cache.max-age", AS_DURATION),
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
