package fazt.gateway.tls;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.platform.service.db.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code fazt_gateway_tls_certificate_earliest_expiry_timestamp_seconds}: when the first of the certificates the
 * gateway serves expires (Unix seconds; NaN while it serves none), read from the certificate table every
 * {@link #EVERY} (ADR 41). One series, however many names are served: the alert says "some certificate is close to
 * expiring" and {@code GET /api/certificates} says which. Renewal starts long before
 * (ADR 28), so an alert means renewals have been failing for weeks.
 */
@Singleton
final class CertificateExpiry implements BackgroundWork {
    static final Duration EVERY = Duration.ofMinutes(1);

    private final Sql db;
    private final AtomicReference<Double> earliest = new AtomicReference<>(Double.NaN);

    CertificateExpiry(Sql db, MeterRegistry metrics) {
        this.db = db;
        Gauge.builder("fazt.gateway.tls.certificate.earliest.expiry.timestamp", earliest, AtomicReference::get)
                .description("Unix time the first served certificate expires; NaN while none is served")
                .baseUnit("seconds")
                .register(metrics);
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("certificate-expiry", EVERY, this::read);
    }

    private void read() {
        Double seconds = db.one(
                "SELECT extract(epoch FROM min(not_after))::float8 FROM certificate WHERE chain_pem IS NOT NULL", r -> {
                    double value = r.getDouble(1);
                    return r.wasNull() ? Double.NaN : value;
                });
        earliest.set(seconds);
    }
}
