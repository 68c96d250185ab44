package fazt.scheduler.domain;

import fazt.proto.deploy.TriggersReply;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the registered schedules, run policies and intakes equal to what the apps' live versions declare: one app after each of
 * its deploy events, every app at start.
 */
public final class SyncTriggers {
    private final Schedules schedules;

    public SyncTriggers(Schedules schedules) {
        this.schedules = schedules;
    }

    /** The app's live triggers, or {@code triggers} null when it has no live version any more. */
    public void app(String appId, TriggersReply.AppTriggers triggers, Instant now) {
        if (triggers == null) {
            schedules.replace(appId, null, null, List.of());
            return;
        }
        RunPolicy policy = new RunPolicy(
                appId,
                triggers.name(),
                triggers.attempts(),
                triggers.backoffMillis(),
                triggers.concurrency(),
                triggers.timeoutMillis());
        List<Schedule> wanted = triggers.schedules().stream()
                .map(s -> {
                    Schedule bare = new Schedule(
                            appId, s.name(), s.cron(), s.tz(), s.everyMillis(), s.catchup(), null, null, null);
                    return new Schedule(
                            appId,
                            s.name(),
                            s.cron(),
                            s.tz(),
                            s.everyMillis(),
                            s.catchup(),
                            ScheduleClock.next(bare, now),
                            null,
                            null);
                })
                .toList();
        schedules.replace(appId, policy, Intake.of(triggers), wanted);
    }

    /** Every app's live triggers: apps not listed lose their schedules. */
    public void all(List<TriggersReply.AppTriggers> apps, Instant now) {
        Set<String> live = new HashSet<>();
        for (TriggersReply.AppTriggers app : apps) {
            live.add(app.appId());
            app(app.appId(), app, now);
        }
        for (String known : schedules.appIds()) {
            if (!live.contains(known)) {
                app(known, null, now);
            }
        }
    }
}
