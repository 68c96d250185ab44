package fazt.proto.health;

import fazt.proto.MessageType;
import java.time.Instant;
import java.util.Map;

/**
 * One service instance's readiness. {@code status} is {@code UP} only when every entry of {@code checks}
 * (at least {@code nats} and {@code database}) is {@code UP}; a failed check's value says why in a few words.
 */
@MessageType("health.report.v1")
public record HealthReport(
        String service, String instance, String version, String status, Map<String, String> checks, Instant startedAt) {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public boolean up() {
        return UP.equals(status);
    }
}
