package fazt.runtime.config;

import fazt.platform.service.settings.SettingsException;
import fazt.runtime.limits.MemoryPlan;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Set;

/**
 * Limits and pool sizes of the JavaScript runtime (prefix {@code runtime}; env vars in {@code RuntimeSettings}).
 * Documented for operators in docs/runtime-engine.md.
 *
 * @param wallTime         longest an invocation may run, handler and streamed body together; past it the context is
 *                         cancelled and the caller gets 504 ({@code runtime.wall-time}, env {@code FAZT_FUNCTION_TIMEOUT_MS})
 * @param statementLimit   JavaScript statements one invocation may execute ({@code FAZT_RUNTIME_STATEMENT_LIMIT}); past it
 *                         the caller gets 500 "statement limit exceeded"
 * @param memoryBudget     bytes one invocation may hold: what its thread allocated on the JVM heap (ADR 0010) plus
 *                         what its host calls hold (ADR 0034) ({@code FAZT_RUNTIME_MEMORY_BUDGET_MB}); past it the
 *                         context is cancelled and the caller gets 500; unset, derived from the heap by {@link MemoryPlan}
 * @param maxFetches       outbound {@code fetch} calls per invocation ({@code FAZT_RUNTIME_MAX_FETCHES})
 * @param poolPerVersion   warm contexts kept per app version ({@code FAZT_RUNTIME_POOL_PER_VERSION})
 * @param maxContexts      contexts alive in this instance, busy and warm together; beyond it requests wait briefly
 *                         for one, then get 503 ({@code FAZT_RUNTIME_MAX_CONTEXTS})
 * @param idleTimeout      a warm context unused this long is closed, checked every 30 s ({@code runtime.idle-timeout},
 *                         env {@code FAZT_RUNTIME_IDLE_TIMEOUT_MS})
 * @param checkTime        time limit of the deploy-time check's top-level evaluation ({@code runtime.check-time})
 * @param stackBytes       stack size of the threads running JavaScript; deep recursion ends in a RangeError, never
 *                         in a crash ({@code runtime.stack-bytes})
 * @param fetchAllowedHosts hosts an admin allows outbound {@code fetch} to reach even on private or loopback
 *                         addresses ({@code FAZT_RUNTIME_FETCH_ALLOW_HOSTS}, comma-separated); empty by default
 * @param maxInvocations   invocations running at once in this instance ({@code FAZT_RUNTIME_MAX_INVOCATIONS}); beyond
 *                         it requests wait briefly, then get 503
 * @param maxHostCalls     host calls (fetches, bindings) one invocation runs at once
 *                         ({@code FAZT_RUNTIME_MAX_HOST_CALLS}); more wait in order
 * @param heapReserve      heap kept for the service besides app code, in the memory formula
 *                         ({@code FAZT_RUNTIME_HEAP_RESERVE_MB})
 * @param appSharePercent  share of {@code maxInvocations} kept for other apps (an app running this many takes more only while as many stay free) ({@code FAZT_RUNTIME_APP_SHARE_PERCENT});
 *                         beyond it its requests wait briefly, then get 429
 * @param heap             the heap the formula plans for; null: the JVM's maximum heap
 */
@ConfigurationProperties("runtime")
public record RuntimeConfig(
        @Nullable Duration wallTime,
        @Nullable Long statementLimit,
        @Nullable Long memoryBudget,
        @Nullable Integer maxFetches,
        @Nullable Integer poolPerVersion,
        @Nullable Integer maxContexts,
        @Nullable Duration idleTimeout,
        @Nullable Duration checkTime,
        @Nullable Long stackBytes,
        @Nullable Set<String> fetchAllowedHosts,
        @Nullable Integer maxInvocations,
        @Nullable Integer maxHostCalls,
        @Nullable Long heapReserve,
        @Nullable Integer appSharePercent,
        @Nullable Long heap) {
    public static final Duration DEFAULT_WALL_TIME = Duration.ofSeconds(30);
    public static final long DEFAULT_STATEMENT_LIMIT = 500_000_000L;
    public static final int DEFAULT_MAX_FETCHES = 50;
    public static final int DEFAULT_POOL_PER_VERSION = 4;
    public static final int DEFAULT_MAX_CONTEXTS = 32;
    public static final int DEFAULT_MAX_INVOCATIONS = 8;
    public static final int DEFAULT_MAX_HOST_CALLS = 16;
    public static final long DEFAULT_HEAP_RESERVE = 64L * 1024 * 1024;
    public static final int DEFAULT_APP_SHARE_PERCENT = 25;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_CHECK_TIME = Duration.ofSeconds(2);
    public static final long DEFAULT_STACK_BYTES = 8L * 1024 * 1024;

    public RuntimeConfig {
        wallTime = wallTime != null ? wallTime : DEFAULT_WALL_TIME;
        statementLimit = statementLimit != null ? statementLimit : DEFAULT_STATEMENT_LIMIT;
        maxFetches = maxFetches != null ? maxFetches : DEFAULT_MAX_FETCHES;
        poolPerVersion = poolPerVersion != null ? poolPerVersion : DEFAULT_POOL_PER_VERSION;
        maxContexts = maxContexts != null ? maxContexts : DEFAULT_MAX_CONTEXTS;
        idleTimeout = idleTimeout != null ? idleTimeout : DEFAULT_IDLE_TIMEOUT;
        checkTime = checkTime != null ? checkTime : DEFAULT_CHECK_TIME;
        stackBytes = stackBytes != null ? stackBytes : DEFAULT_STACK_BYTES;
        fetchAllowedHosts = fetchAllowedHosts != null ? Set.copyOf(fetchAllowedHosts) : Set.of();
        maxInvocations = maxInvocations != null ? maxInvocations : DEFAULT_MAX_INVOCATIONS;
        maxHostCalls = maxHostCalls != null ? maxHostCalls : DEFAULT_MAX_HOST_CALLS;
        heapReserve = heapReserve != null ? heapReserve : DEFAULT_HEAP_RESERVE;
        appSharePercent = appSharePercent != null ? appSharePercent : DEFAULT_APP_SHARE_PERCENT;
        heap = heap != null ? heap : Runtime.getRuntime().maxMemory();
        positive("runtime.wall-time", wallTime.toMillis());
        positive("runtime.statement-limit", statementLimit);
        if (memoryBudget != null) {
            positive("runtime.memory-budget", memoryBudget);
        }
        positive("runtime.max-invocations", maxInvocations);
        positive("runtime.max-host-calls", maxHostCalls);
        positive("runtime.heap", heap);
        if (appSharePercent < 1 || appSharePercent > 100) {
            throw new IllegalArgumentException("runtime.app-share-percent: expected 1 to 100, got " + appSharePercent);
        }
        positive("runtime.max-fetches", maxFetches + 1L);
        positive("runtime.pool-per-version", poolPerVersion);
        positive("runtime.max-contexts", maxContexts);
        positive("runtime.idle-timeout", idleTimeout.toMillis());
        positive("runtime.check-time", checkTime.toMillis());
        if (stackBytes < 512 * 1024) {
            throw new IllegalArgumentException("runtime.stack-bytes: expected at least 524288, got " + stackBytes);
        }
        try {
            memoryBudget = MemoryPlan.of(heap, heapReserve, maxContexts, maxInvocations, memoryBudget, appSharePercent)
                    .budget();
        } catch (IllegalArgumentException e) {
            throw new SettingsException("FAZT_RUNTIME_MEMORY_BUDGET_MB", e.getMessage());
        }
    }

    /** How the heap is divided (ADR 0034); the budget is already part of this record. */
    public MemoryPlan memoryPlan() {
        return MemoryPlan.of(heap, heapReserve, maxContexts, maxInvocations, memoryBudget, appSharePercent);
    }

    /** The defaults, for tests and tools. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": expected a positive value, got " + value);
        }
    }
}
