package fazt.runtime.engine;

import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.limits.MemoryPressure;
import fazt.runtime.limits.Watchdog;
import fazt.runtime.web.OutboundFetch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's long-lived parts, one each per runtime service context, closed when the service stops. */
@Factory
final class EngineBeans {
    private static final Logger log = LoggerFactory.getLogger(EngineBeans.class);

    @Singleton
    @Bean(preDestroy = "close")
    JsEngine engine(RuntimeConfig config) {
        return new JsEngine(config);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Watchdog watchdog() {
        return new Watchdog();
    }

    @Context
    @Bean(preDestroy = "close")
    MemoryPressure memoryPressure(RuntimeConfig config, Watchdog watchdog, ContextPool pool) {
        MemoryPressure pressure =
                new MemoryPressure(watchdog, pool, MemoryPressure.DEFAULT_FRACTION, config.memoryBudget() / 4);
        log.info(
                "heap pressure watch pools={} plan: {}",
                pressure.watchedPools(),
                config.memoryPlan().describe());
        return pressure;
    }

    @Singleton
    @Bean(preDestroy = "close")
    JsThreads threads(RuntimeConfig config) {
        // One thread per context that can be busy, twice over: an invocation gives its context back before its thread
        // is free again (it still records the run), so a new one may start meanwhile; plus room for deploy checks.
        return new JsThreads(2 * config.maxContexts() + 4, config.stackBytes());
    }

    @Singleton
    @Bean(preDestroy = "closeAll")
    ContextPool pool(RuntimeConfig config, MeterRegistry metrics) {
        ContextPool pool = new ContextPool(config);
        // Saturation (ADR 41): busy against the limit, and the contexts kept (busy and warm).
        Gauge.builder("fazt.runtime.invocations.busy", pool, ContextPool::busyTotal)
                .description("Invocations running now on this instance")
                .register(metrics);
        Gauge.builder("fazt.runtime.invocations.limit", config, RuntimeConfig::maxInvocations)
                .description("Invocations this instance runs at once at most (FAZT_RUNTIME_MAX_INVOCATIONS)")
                .register(metrics);
        Gauge.builder("fazt.runtime.contexts.alive", pool, ContextPool::alive)
                .description("JavaScript contexts alive on this instance, busy and warm")
                .register(metrics);
        return pool;
    }

    /** Outbound fetch: the web package's SSRF-guarded client, run on virtual threads. */
    @Singleton
    OutboundFetcher outboundFetcher(RuntimeConfig config) {
        OutboundFetch client = new OutboundFetch(
                config.fetchAllowedHosts(), OutboundFetch.DEFAULT_TIMEOUT, OutboundFetch.DEFAULT_MAX_RESPONSE_BYTES);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        return (request, budget, charge) -> client.sendAsync(request, budget, charge, virtual);
    }

    /** Closes contexts idle past their timeout. */
    @Singleton
    static final class IdleEviction {
        private final ContextPool pool;

        IdleEviction(ContextPool pool) {
            this.pool = pool;
        }

        @Scheduled(fixedDelay = "30s", initialDelay = "30s")
        void evict() {
            pool.evictIdle();
        }
    }
}
