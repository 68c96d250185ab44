package fazt.scheduler.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One schedule of an app's live version: a unix {@code cron} expression in {@code tz}, or an interval of
 * {@code everyMillis}; {@code catchup} ({@code once}, {@code skip}); when it fires next, when it last fired and the run
 * that fired.
 */
public record Schedule(
        String appId,
        String name,
        String cron,
        String tz,
        Long everyMillis,
        String catchup,
        Instant nextFire,
        Instant lastFire,
        String lastRunId) {
    /** Whether this is the same schedule as {@code other} (same definition), whatever their fire times. */
    public boolean sameDefinition(Schedule other) {
        return Objects.equals(cron, other.cron)
                && Objects.equals(tz, other.tz)
                && Objects.equals(everyMillis, other.everyMillis);
    }

    /** This schedule due next at {@code nextFire}. */
    public Schedule withNextFire(Instant nextFire) {
        return new Schedule(appId, name, cron, tz, everyMillis, catchup, nextFire, lastFire, lastRunId);
    }

    /** The run trigger this schedule produces: {@code cron} or {@code interval}. */
    public String trigger() {
        return cron != null ? Run.CRON : Run.INTERVAL;
    }
}
