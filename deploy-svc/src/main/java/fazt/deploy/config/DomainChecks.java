package fazt.deploy.config;

import fazt.deploy.domain.ManageDomains;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the due custom-domain checks every {@link #EVERY}: new domains soon after they are mapped, failed ones with
 * backoff, verified ones again every hour ({@link ManageDomains}). Each instance claims what it checks, so several
 * deploy-svc instances share the work without checking a domain twice at once. One virtual thread, started with the
 * service and interrupted when it stops.
 */
@Singleton
final class DomainChecks implements ApplicationEventListener<StartupEvent> {
    static final Duration EVERY = Duration.ofSeconds(5);
    /** Domains claimed at once; they are checked one after the other, each bounded by its timeouts. */
    static final int PER_ROUND = 20;

    private static final Logger log = LoggerFactory.getLogger(DomainChecks.class);
    private final ManageDomains domains;
    private volatile Thread worker;

    DomainChecks(ManageDomains domains) {
        this.domains = domains;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        worker = Thread.ofVirtual().name("domain-checks").start(this::loop);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(EVERY);
                while (domains.checkDue(PER_ROUND) == PER_ROUND
                        && !Thread.currentThread().isInterrupted()) {
                    // more are due: claim the next batch at once
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database or NATS is away; the next round tries again.
                log.warn("domain checks failed reason={}", e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }
}
