package fazt.gateway.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a certificate is renewed and why (ADR 28, amendment): at a random point inside the CA's suggested window when
 * the CA offers renewal information ({@value #ARI}, RFC 9773; at once when the window has passed), else once
 * {@code FAZT_ACME_RENEW_AT_PERCENT} of its lifetime has passed ({@value #LIFETIME}).
 */
record RenewalTime(Instant at, String source) {
    static final String ARI = "ari";
    static final String LIFETIME = "lifetime";
    /** How often the CA's window is asked again for one certificate. */
    static final Duration ARI_REFRESH = Duration.ofHours(6);

    /** A suggested renewal window, {@code start} to {@code end}. */
    record Window(Instant start, Instant end) {}

    static RenewalTime lifetime(Instant notBefore, Instant notAfter, int percent) {
        long life = notAfter.toEpochMilli() - notBefore.toEpochMilli();
        return new RenewalTime(Instant.ofEpochMilli(notBefore.toEpochMilli() + life * percent / 100), LIFETIME);
    }

    static RenewalTime ari(Window window, Instant now, RandomGenerator random) {
        if (!window.end().isAfter(now)) {
            return new RenewalTime(now, ARI);
        }
        Instant start = window.start().isAfter(now) ? window.start() : now;
        long span = Math.max(0, window.end().toEpochMilli() - start.toEpochMilli());
        return new RenewalTime(start.plusMillis(span == 0 ? 0 : random.nextLong(span)), ARI);
    }
}
