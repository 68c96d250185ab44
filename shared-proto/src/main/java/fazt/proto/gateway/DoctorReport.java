package fazt.proto.gateway;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/doctor} (ADR 40): every check of the installation, one line each, and the worst {@code status}
 * ({@code OK}, {@code WARN} or {@code FAIL}). {@code fazt doctor} exits 1 when it is {@code FAIL}.
 */
public record DoctorReport(String status, Instant checkedAt, String checkedBy, List<DoctorCheck> checks) {
    public DoctorReport {
        checks = List.copyOf(checks);
    }
}
