package fazt.runtime.engine;

import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.limits.HostLedger;
import fazt.runtime.limits.Watchdog;
import fazt.runtime.modules.AppFiles;
import fazt.runtime.web.FetchBudget;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the first context of an app's new live version as soon as deploy-svc says it went live (ADR 37), so the
 * first request finds it warm instead of paying for context creation, module loading and top-level evaluation
 * (the cold start). The context is made exactly as a cold request would make it (same code, same wall-time and
 * memory limits, top-level {@code console} lines in the app's log without a request id) and given to the pool; a
 * request that arrives meanwhile waits for it as for any busy context of its version. Only when the instance has room
 * ({@link ContextPool#reserveWarmup}); a version that changed again meanwhile is dropped when it comes back, as any
 * context of an older generation.
 */
@Singleton
final class ContextWarmer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContextWarmer.class);
    private static final Duration SITE_TIMEOUT = Duration.ofSeconds(5);

    private final RuntimeConfig config;
    private final NatsRequester nats;
    private final AppCodeLoader code;
    private final AppEnvCache env;
    private final ContextPool pool;
    private final ContextFactory factory;
    private final JsThreads threads;
    private final Watchdog watchdog;
    private final AppLog appLog;
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    ContextWarmer(
            RuntimeConfig config,
            NatsRequester nats,
            AppCodeLoader code,
            AppEnvCache env,
            ContextPool pool,
            ContextFactory factory,
            JsThreads threads,
            Watchdog watchdog,
            AppLog appLog) {
        this.config = config;
        this.nats = nats;
        this.code = code;
        this.env = env;
        this.pool = pool;
        this.factory = factory;
        this.threads = threads;
        this.watchdog = watchdog;
        this.appLog = appLog;
    }

    /**
     * Warms the live version of app {@code appId}, served as {@code name}, in the background; when {@code version} is
     * above 0, only if that is still the live one.
     */
    void warm(String appId, String name, int version) {
        lookups.execute(() -> {
            try {
                prepare(appId, name, version);
            } catch (RuntimeException e) {
                // the first request makes the context itself, as without warming
                log.debug("no warm-up appId={} reason={}", appId, e.getClass().getSimpleName());
            }
        });
    }

    private void prepare(String appId, String name, int version) {
        SiteReply site = nats.call(DeploySubjects.SITE_GET, new SiteRequest(name), SiteReply.class, SITE_TIMEOUT);
        if (!site.found() || !site.api() || !appId.equals(site.appId()) || (version > 0 && site.version() != version)) {
            return;
        }
        AppFiles files = code.load(site.namespace());
        if (!files.hasMain()) {
            return;
        }
        env.get(appId); // the first request finds the app's env vars cached as well
        ContextKey key = new ContextKey(appId, site.version(), site.namespace());
        long generation = pool.generation(appId);
        if (!pool.reserveWarmup(key)) {
            return;
        }
        try {
            threads.execute(() -> create(key, generation, files));
        } catch (RuntimeException e) {
            pool.abandon(key);
            throw e;
        }
    }

    private void create(ContextKey key, long generation, AppFiles files) {
        long started = System.nanoTime();
        HostLedger ledger = new HostLedger(config.memoryBudget(), config.maxHostCalls());
        AppContext context;
        try {
            context = factory.create(key, generation, files);
        } catch (RuntimeException e) {
            ledger.close();
            pool.abandon(key);
            return;
        }
        Watchdog.Guard guard = watchdog.watch(
                Thread.currentThread(), config.wallTime(), config.memoryBudget(), ledger, context::cancel);
        boolean loaded = false;
        try {
            context.begin(new Scope(key.appId(), ledger));
            context.load();
            loaded = true;
        } catch (RuntimeException e) {
            // the first request meets the same error and reports it
            log.debug(
                    "warm-up did not load appId={} reason={}",
                    key.appId(),
                    e.getClass().getSimpleName());
        } finally {
            guard.close();
            ledger.close();
            context.addAllocated(guard.allocated());
        }
        pool.release(context, loaded && guard.reason() == null);
        log.debug(
                "context warmed appId={} version={} ms={}",
                key.appId(),
                key.version(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    @PreDestroy
    public void close() {
        lookups.shutdownNow();
    }

    /** Where a warm-up's top-level code logs and what it may use: as the first request's would. */
    private final class Scope implements InvocationScope {
        private final String appId;
        private final HostLedger ledger;
        private final FetchBudget fetches = new FetchBudget(config.maxFetches());

        Scope(String appId, HostLedger ledger) {
            this.appId = appId;
            this.ledger = ledger;
        }

        @Override
        public void log(String level, String message) {
            try {
                appLog.line(appId, null, level, message);
            } catch (RuntimeException e) {
                // NATS closing: the line is lost, as a request's would be
            }
        }

        @Override
        public FetchBudget fetchBudget() {
            return fetches;
        }

        @Override
        public HostLedger ledger() {
            return ledger;
        }
    }
}
