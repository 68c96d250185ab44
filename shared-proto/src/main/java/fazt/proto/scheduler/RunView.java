package fazt.proto.scheduler;

import java.time.Instant;

/**
 * A run as the admin API shows it: {@code app} the app's alias, {@code trigger} {@code cron}, {@code interval},
 * {@code async} or {@code webhook} with its {@code source}, {@code attempts} counted against {@code maxAttempts},
 * {@code lost} those lost to the platform, {@code replayOf} the run it repeats.
 */
public record RunView(
        String id,
        String app,
        String trigger,
        String source,
        String status,
        int attempts,
        int maxAttempts,
        int lost,
        String error,
        Instant scheduledFor,
        String replayOf,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant finishedAt) {}
