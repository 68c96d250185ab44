package fazt.gateway.doctor;

import fazt.proto.gateway.CertificateView;
import fazt.proto.gateway.DoctorCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates the gateways serve or order (ADR 28): expired or under {@link #FAIL_UNDER} left is a FAIL, under
 * {@link #WARN_UNDER} a WARN (a healthy ACME certificate is renewed long before); a name still without a certificate
 * after a failed order is a WARN with the CA's last error.
 */
final class CertificateExpiry {
    static final Duration WARN_UNDER = Duration.ofDays(14);
    static final Duration FAIL_UNDER = Duration.ofDays(3);

    private CertificateExpiry() {}

    static List<DoctorCheck> of(List<CertificateView> certificates, Instant now) {
        if (certificates.isEmpty()) {
            return List.of(DoctorCheck.ok("certificate", "-", "no certificates managed (HTTPS off or no names yet)"));
        }
        List<DoctorCheck> checks = new ArrayList<>();
        for (CertificateView c : certificates) {
            checks.add(check(c, now));
        }
        return checks;
    }

    static DoctorCheck check(CertificateView c, Instant now) {
        if (c.notAfter() == null) {
            String measured =
                    "no certificate yet (" + c.state() + ")" + (c.lastError() == null ? "" : ": " + c.lastError());
            return "failed".equals(c.state())
                    ? DoctorCheck.warn("certificate", c.name(), measured, acmeAdvice())
                    : DoctorCheck.ok("certificate", c.name(), measured);
        }
        Duration left = Duration.between(now, c.notAfter());
        String measured = (left.isNegative() ? "expired " + days(left.negated()) + " ago" : "expires in " + days(left))
                + " (" + c.notAfter() + ", " + c.source() + ")";
        String advice = "uploaded".equals(c.source())
                ? "upload a renewed certificate: PUT /api/domains/" + c.name() + "/certificate (docs/https.md)"
                : acmeAdvice() + (c.lastError() == null ? "" : "; last error: " + c.lastError());
        if (left.compareTo(FAIL_UNDER) < 0) {
            return DoctorCheck.fail("certificate", c.name(), measured, advice);
        }
        if (left.compareTo(WARN_UNDER) < 0) {
            return DoctorCheck.warn("certificate", c.name(), measured, advice);
        }
        return DoctorCheck.ok("certificate", c.name(), measured);
    }

    private static String acmeAdvice() {
        return "renewal is not happening: check that the name's DNS points here and ports 80/443 reach the gateway"
                + " (GET /api/certificates shows the last error; docs/https.md)";
    }

    private static String days(Duration d) {
        long days = d.toDays();
        return days >= 1 ? days + (days == 1 ? " day" : " days") : d.toHours() + " h";
    }
}
