package fazt.deploy.config;

import fazt.deploy.domain.ManageDomains;
import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Runs the due custom-domain checks every {@link #EVERY} on a background loop (ADR 25): new domains soon after they are
 * mapped, failed ones with backoff, verified ones again every hour ({@link ManageDomains}). Each instance claims what
 * it checks, so several deploy-svc instances share the work without checking a domain twice at once.
 */
@Singleton
final class DomainChecks implements BackgroundWork {
    static final Duration EVERY = Duration.ofSeconds(5);
    /** Domains claimed at once; they are checked one after the other, each bounded by its timeouts. */
    static final int PER_ROUND = 20;

    private final ManageDomains domains;

    DomainChecks(ManageDomains domains) {
        this.domains = domains;
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("domain-checks", EVERY, this::round);
    }

    private void round() {
        while (domains.checkDue(PER_ROUND) == PER_ROUND
                && !Thread.currentThread().isInterrupted()) {
            // more are due: claim the next batch at once
        }
    }
}
