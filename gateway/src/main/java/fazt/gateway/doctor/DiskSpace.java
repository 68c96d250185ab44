package fazt.gateway.doctor;

import fazt.gateway.doctor.InstanceCensus.Answer;
import fazt.proto.ServiceName;
import fazt.proto.doctor.SelfCheckReport.DiskProbe;
import fazt.proto.gateway.DoctorCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The local paths the instances need: a path the instance cannot use, or a file system with less than
 * {@link #FAIL_UNDER_BYTES} free, is a FAIL; under {@link #WARN_UNDER_PERCENT}% or {@link #WARN_UNDER_BYTES} a WARN.
 * All good is one line per service (the least free path).
 */
final class DiskSpace {
    static final long FAIL_UNDER_BYTES = 100L << 20;
    static final long WARN_UNDER_BYTES = 1L << 30;
    static final int WARN_UNDER_PERCENT = 5;

    private DiskSpace() {}

    static List<DoctorCheck> of(ServiceName service, List<Answer> answers) {
        List<DoctorCheck> problems = new ArrayList<>();
        DiskProbe least = null;
        int paths = 0;
        for (Answer a : answers) {
            for (DiskProbe disk : a.report().disks()) {
                paths++;
                String name = service.id() + "/" + a.report().instance() + " " + disk.purpose();
                if (!disk.usable() || disk.usableBytes() == null) {
                    problems.add(DoctorCheck.fail(
                            "disk",
                            name,
                            disk.path() + ": " + disk.error(),
                            "create the path or give the service's user access to it"));
                    continue;
                }
                String measured =
                        disk.path() + ": " + bytes(disk.usableBytes()) + " free of " + bytes(disk.totalBytes());
                if (disk.usableBytes() < FAIL_UNDER_BYTES) {
                    problems.add(DoctorCheck.fail("disk", name, measured, "free space on this file system now"));
                } else if (disk.usableBytes() < WARN_UNDER_BYTES
                        || disk.usableBytes() * 100 < disk.totalBytes() * WARN_UNDER_PERCENT) {
                    problems.add(DoctorCheck.warn("disk", name, measured, "free space on this file system soon"));
                } else if (least == null || disk.usableBytes() < least.usableBytes()) {
                    least = disk;
                }
            }
        }
        if (problems.isEmpty() && least != null) {
            return List.of(DoctorCheck.ok(
                    "disk",
                    service.id(),
                    paths + (paths == 1 ? " path" : " paths") + ", least free " + least.path() + ": "
                            + bytes(least.usableBytes()) + " of " + bytes(least.totalBytes())));
        }
        return problems;
    }

    /** {@code 12.3 GB}, {@code 512 kB}, {@code 17 B} (powers of 1024). */
    static String bytes(Long count) {
        if (count == null) {
            return "?";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? count + " B" : String.format("%.1f %s", value, units[unit]);
    }
}
