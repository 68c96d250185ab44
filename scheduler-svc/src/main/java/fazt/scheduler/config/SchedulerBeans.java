package fazt.scheduler.config;

import fazt.platform.service.BootstrapSettings;
import fazt.scheduler.domain.AcceptRuns;
import fazt.scheduler.domain.Admissions;
import fazt.scheduler.domain.AppTriggerSource;
import fazt.scheduler.domain.Enqueuer;
import fazt.scheduler.domain.ExecuteRun;
import fazt.scheduler.domain.FireSchedules;
import fazt.scheduler.domain.HookSecrets;
import fazt.scheduler.domain.Hooks;
import fazt.scheduler.domain.LiveSites;
import fazt.scheduler.domain.ManageHooks;
import fazt.scheduler.domain.RunEvents;
import fazt.scheduler.domain.RunQueue;
import fazt.scheduler.domain.Runs;
import fazt.scheduler.domain.Runtime;
import fazt.scheduler.domain.Schedules;
import fazt.scheduler.domain.SyncTriggers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java use cases to their adapters. */
@Factory
final class SchedulerBeans {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    HookSecrets hookSecrets(BootstrapSettings settings) {
        return new HookSecrets(settings.masterKey());
    }

    @Singleton
    Enqueuer enqueuer(Runs runs, RunQueue queue, Clock clock) {
        return new Enqueuer(runs, queue, clock);
    }

    @Singleton
    SyncTriggers syncTriggers(Schedules schedules) {
        return new SyncTriggers(schedules);
    }

    @Singleton
    FireSchedules fireSchedules(Schedules schedules, Enqueuer enqueuer, Clock clock) {
        return new FireSchedules(schedules, enqueuer, clock);
    }

    @Singleton
    AcceptRuns acceptRuns(
            Runs runs,
            Schedules schedules,
            Hooks hooks,
            HookSecrets secrets,
            Admissions admissions,
            Enqueuer enqueuer,
            AppTriggerSource triggers,
            SyncTriggers sync,
            Clock clock) {
        return new AcceptRuns(runs, schedules, hooks, secrets, admissions, enqueuer, triggers, sync, clock);
    }

    @Singleton
    ExecuteRun executeRun(
            Runs runs,
            Schedules schedules,
            LiveSites sites,
            Runtime runtime,
            RunEvents events,
            BootstrapSettings settings,
            Clock clock) {
        return new ExecuteRun(runs, schedules, sites, runtime, events, settings.domain(), clock);
    }

    @Singleton
    ManageHooks manageHooks(Hooks hooks, HookSecrets secrets, Clock clock) {
        return new ManageHooks(hooks, secrets, clock);
    }
}
