package fazt.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.gateway.CertificateView;
import fazt.proto.gateway.DoctorCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Certificates: under 14 days left WARN, under 3 days or expired FAIL, a failed first order WARN. */
class CertificateExpiryTest {
    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");

    @Test
    void expiryThresholds() {
        assertThat(status(Duration.ofDays(60))).isEqualTo(DoctorCheck.OK);
        assertThat(status(Duration.ofDays(14).plusMinutes(1))).isEqualTo(DoctorCheck.OK);
        assertThat(status(Duration.ofDays(13))).isEqualTo(DoctorCheck.WARN);
        assertThat(status(Duration.ofDays(3).plusMinutes(1))).isEqualTo(DoctorCheck.WARN);
        assertThat(status(Duration.ofDays(2))).isEqualTo(DoctorCheck.FAIL);
        assertThat(status(Duration.ofDays(-1))).isEqualTo(DoctorCheck.FAIL);
        DoctorCheck expired =
                CertificateExpiry.check(view("shop.example", "uploaded", NOW.minus(Duration.ofDays(4))), NOW);
        assertThat(expired.measured()).startsWith("expired 4 days ago");
        assertThat(expired.advice()).contains("PUT /api/domains/shop.example/certificate");
    }

    @Test
    void aNameWhoseOrderFailedWarnsWithTheCasError() {
        CertificateView failed = new CertificateView(
                "shop.example", "acme", "failed", null, null, "urn:ietf:params:acme:error:dns", 3, null, null, null);
        DoctorCheck check = CertificateExpiry.of(List.of(failed), NOW).getFirst();
        assertThat(check.status()).isEqualTo(DoctorCheck.WARN);
        assertThat(check.measured()).contains("urn:ietf:params:acme:error:dns");
    }

    private static String status(Duration left) {
        return CertificateExpiry.check(view("a.example", "acme", NOW.plus(left)), NOW)
                .status();
    }

    private static CertificateView view(String name, String source, Instant notAfter) {
        return new CertificateView(name, source, "issued", notAfter, "CN=test", null, 0, null, null, null);
    }
}
