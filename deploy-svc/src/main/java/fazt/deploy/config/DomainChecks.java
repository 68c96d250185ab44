package fazt.deploy.config;

import fazt.deploy.domain.ManageDomains;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the due custom-domain checks every few seconds: new domains soon after they are mapped, failed ones with
 * backoff, verified ones again every hour ({@link ManageDomains}). Each instance claims what it checks, so several
 * deploy-svc instances share the work without checking a domain twice at once.
 */
@Singleton
final class DomainChecks {
    /** Domains checked per round; a round checks them one after the other, each bounded by its timeouts. */
    static final int PER_ROUND = 20;
    private static final Logger log = LoggerFactory.getLogger(DomainChecks.class);
    private final ManageDomains domains;

    DomainChecks(ManageDomains domains) {
        this.domains = domains;
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void run() {
        try {
            int checked;
            do {
                checked = domains.checkDue(PER_ROUND);
            } while (checked == PER_ROUND);
        } catch (RuntimeException e) {
            // The database or NATS is away; the next round tries again.
            log.warn("domain checks failed: {}", e.toString());
        }
    }
}
