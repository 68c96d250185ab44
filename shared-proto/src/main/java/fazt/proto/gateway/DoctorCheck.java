package fazt.proto.gateway;

import java.util.List;

/**
 * One line of {@code fazt doctor}: the {@code area} ({@link #AREAS}), what was checked ({@code name}: a service,
 * an instance, a domain), its {@code status} ({@code OK}, {@code WARN}, {@code FAIL}), what was measured, and for a
 * WARN or FAIL what to do about it ({@code advice}, null when OK).
 */
public record DoctorCheck(String area, String name, String status, String measured, String advice) {
    public static final String OK = "OK";
    public static final String WARN = "WARN";
    public static final String FAIL = "FAIL";

    /** The areas, in report order; {@code backup} is the age of the last completed backup. */
    public static final List<String> AREAS =
            List.of("nats", "service", "database", "clock", "disk", "certificate", "domain", "backup");

    public static DoctorCheck ok(String area, String name, String measured) {
        return new DoctorCheck(area, name, OK, measured, null);
    }

    public static DoctorCheck warn(String area, String name, String measured, String advice) {
        return new DoctorCheck(area, name, WARN, measured, advice);
    }

    public static DoctorCheck fail(String area, String name, String measured, String advice) {
        return new DoctorCheck(area, name, FAIL, measured, advice);
    }

    /** The worse of two statuses: FAIL over WARN over OK. */
    public static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String status) {
        return switch (status) {
            case FAIL -> 2;
            case WARN -> 1;
            default -> 0;
        };
    }
}
