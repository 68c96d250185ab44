package fazt.deploy.config;

import fazt.deploy.domain.SeedBuiltinApps;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the built-in apps once storage answers. Services start in any order, so this retries in the background
 * instead of holding up deploy-svc's start.
 */
@Singleton
final class BuiltinAppsOnStart implements ApplicationEventListener<StartupEvent> {
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(BuiltinAppsOnStart.class);

    private final SeedBuiltinApps seed;
    private volatile Thread worker;

    BuiltinAppsOnStart(SeedBuiltinApps seed) {
        this.seed = seed;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        worker = Thread.ofVirtual().name("builtin-apps").start(() -> {
            for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
                try {
                    int seeded = seed.seed();
                    if (seeded > 0) {
                        log.info("built-in apps deployed count={}", seeded);
                    }
                    return;
                } catch (RuntimeException e) {
                    if (attempt % 15 == 1) {
                        log.warn("built-in apps not deployed yet, retrying reason={}", e.getMessage());
                    }
                    try {
                        Thread.sleep(RETRY);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
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
