package fazt.gateway.doctor;

import fazt.proto.gateway.DoctorCheck;
import java.time.Duration;
import java.time.Instant;

/**
 * How far an instance's clock is from the gateway's, as NTP estimates it: of the round trip, the instance worked
 * {@code took} on the answer before reading its clock; the rest is the way there and back, taken as equal. So when
 * the instance read {@code remoteNow}, the gateway's clock read {@code receivedAt} minus half that rest. WARN over
 * {@link #WARN_OVER}, FAIL over {@link #FAIL_OVER}: signed principals, sessions and certificates all compare times.
 */
record ClockSkew(Duration offset, Duration roundTrip) {
    static final Duration WARN_OVER = Duration.ofSeconds(1);
    static final Duration FAIL_OVER = Duration.ofSeconds(30);

    /** {@code sentAt} and {@code receivedAt} on the gateway's clock; {@code remoteNow} on the instance's. */
    static ClockSkew of(Instant sentAt, Instant receivedAt, Instant remoteNow, Duration took) {
        Duration roundTrip = Duration.between(sentAt, receivedAt);
        Duration travel = roundTrip.minus(took);
        if (travel.isNegative()) {
            travel = Duration.ZERO; // an instance cannot have worked longer than the round trip
        }
        Instant gatewayThen = receivedAt.minus(travel.dividedBy(2));
        return new ClockSkew(Duration.between(gatewayThen, remoteNow), roundTrip);
    }

    String status() {
        Duration size = offset.abs();
        if (size.compareTo(FAIL_OVER) > 0) {
            return DoctorCheck.FAIL;
        }
        return size.compareTo(WARN_OVER) > 0 ? DoctorCheck.WARN : DoctorCheck.OK;
    }

    /** {@code +1.250 s ahead}, {@code -3 ms behind}. */
    String describe() {
        long millis = offset.toMillis();
        String amount = Math.abs(millis) >= 1000
                ? String.format("%.3f s", Math.abs(millis) / 1000.0)
                : Math.abs(millis) + " ms";
        return amount + (millis >= 0 ? " ahead of" : " behind") + " the gateway (round trip " + roundTrip.toMillis()
                + " ms)";
    }
}
