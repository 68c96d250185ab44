package fazt.proto.deploy;

import fazt.proto.MessageType;
import java.util.List;

/**
 * The triggers of the apps asked for: one {@link AppTriggers} per app with a live version (none for an unknown or
 * deleted app). deploy-svc validated everything at deploy time, so the scheduler can trust the values.
 */
@MessageType("deploy.triggers_reply.v1")
public record TriggersReply(List<AppTriggers> apps) {
    /**
     * One app's live triggers: its {@code schedules} in manifest order, and the policy for its runs:
     * {@code attempts} (1 = no retry) and {@code backoffMillis} (the first retry delay, doubling with jitter),
     * {@code concurrency} (runs at once, across all scheduler instances) and {@code timeoutMillis} (wall time of one
     * attempt). deploy-svc fills in the defaults, so every field is set.
     * <p>
     * What the app accepts from outside without authentication (added to v1; a deploy-svc from before sends none of
     * these, which a receiver reads as no async entry points and the default limits): {@code async}, the path
     * patterns under {@code /api/} that {@code POST /_fazt/async/<path>} may queue (empty when the version has no
     * server code; {@code *} stays within a segment, a final {@code **} matches one or more segments);
     * {@code perMinute} and {@code burst}, the token bucket that async requests and webhook deliveries of the app
     * draw from together; {@code maxStoredBytes}, the most bytes of such runs' payloads kept at once.
     * <p>
     * For mail-svc (added to v1; null from an older deploy-svc reads as none and false): {@code mailAddresses}, the
     * local parts the app claims in {@code fazt.json} ({@code "mail": {"addresses": ["support"]}}, lower case, valid
     * RFC 5321 dot-atoms), and {@code serverCode}, whether the live version has {@code api/main.js} (only then does
     * an inbound message start a run of its {@code email} handler).
     */
    public record AppTriggers(
            String appId,
            String name,
            int version,
            List<Schedule> schedules,
            int attempts,
            long backoffMillis,
            int concurrency,
            int timeoutMillis,
            List<String> async,
            Integer perMinute,
            Integer burst,
            Long maxStoredBytes,
            List<String> mailAddresses,
            Boolean serverCode) {
        /** Triggers without the mail fields (a deploy-svc from before, or an app that claims nothing). */
        public AppTriggers(
                String appId,
                String name,
                int version,
                List<Schedule> schedules,
                int attempts,
                long backoffMillis,
                int concurrency,
                int timeoutMillis,
                List<String> async,
                Integer perMinute,
                Integer burst,
                Long maxStoredBytes) {
            this(
                    appId,
                    name,
                    version,
                    schedules,
                    attempts,
                    backoffMillis,
                    concurrency,
                    timeoutMillis,
                    async,
                    perMinute,
                    burst,
                    maxStoredBytes,
                    null,
                    null);
        }
    }

    /**
     * One {@code cron} entry. Exactly one of {@code cron} (a five-field unix expression, evaluated in time zone
     * {@code tz}, an IANA id) and {@code everyMillis} (an interval; ticks fall on multiples of it since the epoch) is
     * set. {@code name} is unique per app (defaults to the expression or {@code every:<duration>}); {@code catchup}
     * is {@code once} or {@code skip}.
     */
    public record Schedule(String name, String cron, String tz, Long everyMillis, String catchup) {}
}
