package fazt.proto.doctor;

import fazt.proto.MessageType;
import java.time.Instant;
import java.util.List;

/**
 * What one service instance measured about itself for {@code fazt doctor}: who it is, its clock when it answered
 * ({@code now}) and how long it worked on the answer before that ({@code tookMillis}: the skew check takes it out of
 * the round trip), its database, and the local paths it needs.
 */
@MessageType("doctor.selfcheck_report.v1")
public record SelfCheckReport(
        String service,
        String instance,
        String version,
        Instant now,
        long tookMillis,
        DatabaseProbe database,
        List<DiskProbe> disks) {
    public SelfCheckReport {
        disks = disks == null ? List.of() : List.copyOf(disks);
    }

    /**
     * The instance's own database connection: {@code reachable}, PostgreSQL's {@code version} ({@code 15.8}), the
     * database's size in bytes, the round trip of one query in milliseconds; {@code error} says why it is unreachable.
     */
    public record DatabaseProbe(
            boolean reachable, String version, Long sizeBytes, Long roundTripMillis, String error) {}

    /**
     * One local path the instance needs: what it is for ({@code purpose}), the file system's size and free space in
     * bytes, whether the instance can write there (or read, for key files: {@code usable}); {@code error} says why not.
     */
    public record DiskProbe(
            String purpose, String path, Long totalBytes, Long usableBytes, boolean usable, String error) {}
}
