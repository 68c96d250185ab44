package fazt.scheduler.domain;

import fazt.proto.deploy.TriggersReply;
import java.util.List;

/**
 * What an app accepts from outside without authentication, from its live {@code fazt.json}: the {@code async} path
 * patterns under {@code /api/} that may be queued (none: every async request is refused as not found), and the limits
 * its async requests and webhook deliveries share: a token bucket of {@code burst} tokens refilled at
 * {@code perMinute} per minute, and at most {@code maxStoredBytes} of their payloads kept at once.
 */
public record Intake(List<String> async, int perMinute, int burst, long maxStoredBytes) {
    /** An app deploy-svc has not described (yet), or one that declares nothing: no async entry points, default limits. */
    public static final Intake DEFAULT = new Intake(List.of(), 60, 30, 64L << 20);

    public Intake {
        async = async == null ? List.of() : List.copyOf(async);
    }

    /** The app's intake as deploy-svc describes it; fields a deploy-svc from before intake limits leaves out default. */
    public static Intake of(TriggersReply.AppTriggers t) {
        return new Intake(
                t.async(),
                t.perMinute() == null ? DEFAULT.perMinute() : t.perMinute(),
                t.burst() == null ? DEFAULT.burst() : t.burst(),
                t.maxStoredBytes() == null ? DEFAULT.maxStoredBytes() : t.maxStoredBytes());
    }

    /** Whether {@code POST /_fazt/async/...} may queue a request for {@code apiPath} (the raw path, {@code /api/...}). */
    public boolean declares(String apiPath) {
        return AsyncPaths.matches(async, apiPath);
    }
}
