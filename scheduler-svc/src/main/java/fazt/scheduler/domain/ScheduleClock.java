package fazt.scheduler.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When schedules fire. A cron schedule fires at the times its unix expression names in its time zone (cron-utils); an
 * interval schedule at the multiples of its interval since the epoch, so every instance and every re-sync agree on the
 * ticks. {@link #due} decides what one due schedule does now, including ticks missed while no scheduler ran.
 */
public final class ScheduleClock {
    /**
     * A tick found later than this after its time counts as missed: {@code catchup: skip} drops it, {@code once}
     * still fires it (once, for the latest missed tick).
     */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

    private ScheduleClock() {}

    /** What to do with a due schedule: fire one run for {@code tick} (null: fire nothing) and wait for {@code nextFire}. */
    public record Firing(Instant tick, Instant nextFire) {}

    /** The first tick strictly after {@code after}. */
    public static Instant next(Schedule s, Instant after) {
        if (s.everyMillis() != null) {
            long every = s.everyMillis();
            return Instant.ofEpochMilli((Math.floorDiv(after.toEpochMilli(), every) + 1) * every);
        }
        Optional<ZonedDateTime> next = execution(s).nextExecution(after.atZone(ZoneId.of(s.tz())));
        return next.map(ZonedDateTime::toInstant).orElse(NEVER);
    }

    /**
     * Decides for a schedule whose {@code nextFire} is at or before {@code now}: the latest due tick fires once (all
     * earlier missed ticks collapse into it); with {@code catchup: skip} a tick later than {@link #GRACE} fires not at
     * all. Either way the schedule then waits for the first tick after {@code now}.
     */
    public static Firing due(Schedule s, Instant now) {
        Instant latest = s.nextFire();
        for (Instant t = next(s, latest); !t.isAfter(now); t = next(s, t)) {
            latest = t;
            if (s.everyMillis() != null) {
                // Jump straight to the last interval tick instead of walking a long outage one tick at a time.
                long every = s.everyMillis();
                latest = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), every) * every);
                break;
            }
        }
        Instant nextFire = next(s, now);
        if (s.catchup().equals("skip") && Duration.between(latest, now).compareTo(GRACE) > 0) {
            return new Firing(null, nextFire);
        }
        return new Firing(latest, nextFire);
    }

    /**
     * Checks a 5-field unix cron expression ({@code minute hour day-of-month month day-of-week}) as schedules use it;
     * returns it stripped, or throws an {@link IllegalArgumentException} saying what was expected.
     */
    public static String checkCron(String text) {
        String cron = text == null ? "" : text.strip();
        try {
            if (cron.split("\\s+").length != 5) {
                throw new IllegalArgumentException("not 5 fields");
            }
            UNIX.parse(cron).validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected a 5-field cron expression (minute hour day month weekday, UTC) such as \"0 3 * * *\", got \""
                            + cron + "\"");
        }
    }

    private static ExecutionTime execution(Schedule s) {
        return ExecutionTime.forCron(UNIX.parse(s.cron()));
    }
}
