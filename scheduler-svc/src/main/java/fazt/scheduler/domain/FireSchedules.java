package fazt.scheduler.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.proto.runtime.HttpHeader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fires due schedules: each due schedule is claimed by exactly one instance, which records one run per tick and
 * advances the schedule in the same transaction, then queues the run. The run's request is
 * {@code POST /_fazt/scheduled/<name>} with the JSON body {@code {"name", "cron", "every", "scheduledTime"}}
 * (epoch milliseconds), from which runtime-svc builds the {@code scheduled} handler's event.
 */
public final class FireSchedules {
    static final int BATCH = 100;
    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();
    private final Schedules schedules;
    private final Enqueuer enqueuer;
    private final Clock clock;

    public FireSchedules(Schedules schedules, Enqueuer enqueuer, Clock clock) {
        this.schedules = schedules;
        this.enqueuer = enqueuer;
        this.clock = clock;
    }

    /** Fires what is due now; returns the runs recorded. */
    public List<Run> tick() {
        Instant now = clock.instant();
        List<Run> fired = schedules.fireDue(now, BATCH, (s, policy) -> {
            ScheduleClock.Firing firing = ScheduleClock.due(s, now);
            Run run = firing.tick() == null ? null : run(s, policy, firing.tick(), now);
            return new Schedules.Tick(run, firing.nextFire());
        });
        fired.forEach(r -> enqueuer.enqueue(r.runId()));
        return fired;
    }

    private static Run run(Schedule s, RunPolicy policy, Instant tick, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", s.name());
        event.put("cron", s.cron());
        event.put("every", s.everyMillis());
        event.put("scheduledTime", tick.toEpochMilli());
        byte[] body;
        try {
            // The plain mapper keeps nulls: the handler sees "cron": null for an interval, not a missing key.
            body = PLAIN_JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("scheduled event not serialisable", e);
        }
        return Run.create(
                s.appId(),
                policy.appName(),
                s.trigger(),
                s.name(),
                "POST",
                "/_fazt/scheduled/"
                        + URLEncoder.encode(s.name(), StandardCharsets.UTF_8).replace("+", "%20"),
                List.of(new HttpHeader("Content-Type", "application/json")),
                body,
                tick,
                null,
                policy.attempts(),
                now);
    }
}
