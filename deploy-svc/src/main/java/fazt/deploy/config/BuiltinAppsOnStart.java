package fazt.deploy.config;

import fazt.deploy.domain.SeedBuiltinApps;
import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the built-in apps once storage answers. Services start in any order, so this retries in the background
 * instead of holding up deploy-svc's start: on a background loop (ADR 25), every {@link #RETRY} until it succeeds or
 * deploy-svc stops, warning on the first failure and then every {@value #WARN_EVERY} tries (a Resilience4j
 * {@link Retry}, ADR 24).
 */
@Singleton
final class BuiltinAppsOnStart implements BackgroundWork {
    static final Duration RETRY = Duration.ofSeconds(2);
    static final int WARN_EVERY = 15;
    private static final Logger log = LoggerFactory.getLogger(BuiltinAppsOnStart.class);

    private final SeedBuiltinApps seed;

    BuiltinAppsOnStart(SeedBuiltinApps seed) {
        this.seed = seed;
    }

    @Override
    public BackgroundLoop start() {
        Retry retry = Retry.of(
                "builtin-apps",
                RetryConfig.custom()
                        .maxAttempts(Integer.MAX_VALUE)
                        .waitDuration(RETRY)
                        .retryOnException(e -> e instanceof RuntimeException
                                && !Thread.currentThread().isInterrupted())
                        .build());
        retry.getEventPublisher().onRetry(e -> {
            if (e.getNumberOfRetryAttempts() % WARN_EVERY == 1) {
                log.warn(
                        "built-in apps not deployed yet, retrying reason={}",
                        e.getLastThrowable().getMessage());
            }
        });
        return BackgroundLoop.untilDone("builtin-apps", RETRY, () -> {
            int seeded = retry.executeSupplier(seed::seed);
            if (seeded > 0) {
                log.info("built-in apps deployed count={}", seeded);
            }
        });
    }
}
