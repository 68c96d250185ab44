package fazt.scheduler.domain;

import fazt.proto.runtime.HttpHeader;
import java.time.Instant;
import java.util.List;

/**
 * One run of app {@code appId} (alias {@code appName} when recorded): what triggered it ({@code trigger} and its {@code source}: schedule name, hook name or path), the request
 * its handler gets ({@code method}, {@code url}: path and query, {@code headers}, {@code body}), where it stands ({@code status}),
 * how many {@code attempts} counted against {@code maxAttempts}, and how many were {@code lost} to the platform.
 */
public record Run(
        String runId,
        String appId,
        String appName,
        String trigger,
        String source,
        String status,
        String method,
        String url,
        List<HttpHeader> headers,
        byte[] body,
        Instant scheduledFor,
        String replayOf,
        int maxAttempts,
        int attempts,
        int lost,
        String error,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant finishedAt) {
    public static final String CRON = "cron";
    public static final String INTERVAL = "interval";
    public static final String ASYNC = "async";
    public static final String WEBHOOK = "webhook";
    /** A message mail-svc stored for the app: its {@code email} handler runs; the source is the recipient. */
    public static final String EMAIL = "email";

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String RETRYING = "retrying";
    public static final String SUCCEEDED = "succeeded";
    /** The dead-letter state: every attempt failed; nothing more happens until someone replays the run. */
    public static final String FAILED = "failed";
    /** A webhook delivery whose signature did not verify; it never ran. */
    public static final String REFUSED = "refused";

    public static final List<String> TRIGGERS = List.of(CRON, INTERVAL, ASYNC, WEBHOOK, EMAIL);
    public static final List<String> STATUSES = List.of(QUEUED, RUNNING, RETRYING, SUCCEEDED, FAILED, REFUSED);

    public boolean finished() {
        return status.equals(SUCCEEDED) || status.equals(FAILED) || status.equals(REFUSED);
    }

    /** The runtime trigger of this run's invocations: {@code scheduled}, {@code async}, {@code webhook} or {@code email}. */
    public String invokeTrigger() {
        return switch (trigger) {
            case CRON, INTERVAL -> "scheduled";
            default -> trigger;
        };
    }

    /** A new run to record. */
    public static Run create(
            String appId,
            String appName,
            String trigger,
            String source,
            String method,
            String url,
            List<HttpHeader> headers,
            byte[] body,
            Instant scheduledFor,
            String replayOf,
            int maxAttempts,
            Instant now) {
        return new Run(
                Ids.run(),
                appId,
                appName,
                trigger,
                source,
                QUEUED,
                method,
                url,
                headers,
                body,
                scheduledFor,
                replayOf,
                maxAttempts,
                0,
                0,
                null,
                now,
                null,
                null);
    }

    /** This run with a new state. */
    public Run with(
            String newStatus,
            int newAttempts,
            int newLost,
            String newError,
            Instant newNextAttemptAt,
            Instant newFinishedAt) {
        return new Run(
                runId,
                appId,
                appName,
                trigger,
                source,
                newStatus,
                method,
                url,
                headers,
                body,
                scheduledFor,
                replayOf,
                maxAttempts,
                newAttempts,
                newLost,
                newError,
                createdAt,
                newNextAttemptAt,
                newFinishedAt);
    }

    /** One attempt: when, how it ended ({@code running}, {@code succeeded}, {@code failed}, {@code lost}), its output. */
    public record Attempt(
            int n,
            Instant startedAt,
            Instant endedAt,
            String status,
            Integer httpStatus,
            String error,
            String log,
            String instance,
            boolean counted) {}
}
