package fazt.deploy.config;

import fazt.deploy.domain.SeedBuiltinApps;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the built-in apps once storage answers. Services start in any order, so this retries in the background
 * instead of holding up deploy-svc's start: every {@link #RETRY} until it succeeds or deploy-svc stops, warning on
 * the first failure and then every {@value #WARN_EVERY} tries.
 */
@Singleton
final class BuiltinAppsOnStart implements ApplicationEventListener<StartupEvent> {
    static final Duration RETRY = Duration.ofSeconds(2);
    static final int WARN_EVERY = 15;
    private static final Logger log = LoggerFactory.getLogger(BuiltinAppsOnStart.class);

    private final SeedBuiltinApps seed;
    private volatile Thread worker;

    BuiltinAppsOnStart(SeedBuiltinApps seed) {
        this.seed = seed;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Retry retry = Retry.of("builtin-apps", RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .waitDuration(RETRY)
                .retryOnException(e -> e instanceof RuntimeException && !Thread.currentThread().isInterrupted())
                .build());
        retry.getEventPublisher().onRetry(e -> {
            if (e.getNumberOfRetryAttempts() % WARN_EVERY == 1) {
                log.warn("built-in apps not deployed yet, retrying reason={}", e.getLastThrowable().getMessage());
            }
        });
        worker = Thread.ofVirtual().name("builtin-apps").start(() -> {
            try {
                int seeded = retry.executeSupplier(seed::seed);
                if (seeded > 0) {
                    log.info("built-in apps deployed count={}", seeded);
                }
            } catch (RuntimeException stopped) {
                // Only an interrupt ends the retries: deploy-svc is stopping.
            }
        });
    }

    @PreDestroy
    void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
