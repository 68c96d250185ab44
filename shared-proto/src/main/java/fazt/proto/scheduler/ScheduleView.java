package fazt.proto.scheduler;

import java.time.Instant;

/** One cron schedule of an app (or one with {@code everyMillis}), when it runs next and how its last run ended. */
public record ScheduleView(
        String name,
        String cron,
        String tz,
        Long everyMillis,
        String catchup,
        Instant nextRun,
        Instant lastRun,
        String lastRunId,
        String lastStatus) {}
