package fazt.gateway.tls;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides and stores when an ordered certificate is renewed ({@link RenewalTime}, ADR 28 amendment): inside the CA's
 * suggested window when it offers renewal information (ARI), else by lifetime. The CA is asked after each issue and
 * again every {@link RenewalTime#ARI_REFRESH} (it may move the window, or start offering ARI); a CA that cannot be
 * asked leaves the lifetime rule in place until the next time.
 */
final class RenewalPlanner {
    private static final Logger log = LoggerFactory.getLogger(RenewalPlanner.class);

    private final AcmeClient acme;
    private final CertificateRecords records;
    private final int percent;

    RenewalPlanner(AcmeClient acme, CertificateRecords records, int percent) {
        this.acme = acme;
        this.records = records;
        this.percent = percent;
    }

    /** Whether the renewal time of a certificate is unknown, or old enough that the CA is asked again. */
    static boolean stale(CertificateRecords.Status status, Instant now) {
        return status.renewSource() == null
                || status.ariCheckedAt() == null
                || status.ariCheckedAt().plus(RenewalTime.ARI_REFRESH).isBefore(now);
    }

    /** Asks the CA for {@code served}'s window and stores the renewal time that follows. */
    void plan(String name, ServedCertificate served, Instant now) {
        RenewalTime time = RenewalTime.lifetime(served.notBefore(), served.notAfter(), percent);
        try {
            Optional<RenewalTime.Window> window = acme.renewalWindow(served.leaf());
            if (window.isPresent()) {
                time = RenewalTime.ari(window.get(), now, ThreadLocalRandom.current());
            }
        } catch (Exception e) {
            log.warn("renewal information unavailable name={} reason={}", name, e.getMessage());
        }
        records.storeRenewal(name, served.notAfter(), time, now);
    }
}
