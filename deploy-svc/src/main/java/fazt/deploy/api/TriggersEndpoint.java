package fazt.deploy.api;

import fazt.deploy.domain.App;
import fazt.deploy.domain.AppVersion;
import fazt.deploy.domain.Apps;
import fazt.deploy.domain.Manifest;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code svc.deploy.triggers.get}: the cron schedules, run policy, async entry points, intake limits and mail
 * addresses of one app's live version (and whether it has server code), or of every app with a live version, for scheduler-svc to keep its schedules equal to what is live.
 */
@Singleton
final class TriggersEndpoint implements RequestEndpoint {
    private final Apps apps;

    TriggersEndpoint(Apps apps) {
        this.apps = apps;
    }

    @Override
    public String subject() {
        return DeploySubjects.TRIGGERS_GET;
    }

    @Override
    public TriggersReply handle(IncomingRequest request) {
        String appId = request.body(TriggersRequest.class).appId();
        List<TriggersReply.AppTriggers> found = new ArrayList<>();
        for (App app : apps.list()) {
            if (app.liveVersion() == null
                    || (appId != null && !appId.equals(app.id().value()))) {
                continue;
            }
            apps.version(app.id(), app.liveVersion()).ifPresent(live -> found.add(triggers(app, live)));
        }
        return new TriggersReply(found);
    }

    /** A version without server code has no async entry points, whatever its manifest lists: nothing could run them. */
    private static TriggersReply.AppTriggers triggers(App app, AppVersion live) {
        Manifest m = live.manifest();
        Manifest.RunPolicy p = m.runs();
        Manifest.Intake intake = m.intake();
        return new TriggersReply.AppTriggers(
                app.id().value(),
                app.name(),
                live.version(),
                m.cron().stream()
                        .map(c -> new TriggersReply.Schedule(
                                c.name(), c.schedule(), c.tz(), c.everyMillis(), c.catchup()))
                        .toList(),
                p.attempts(),
                p.backoffMillis(),
                p.concurrency(),
                p.timeoutMillis(),
                live.api() ? m.async() : List.of(),
                intake.perMinute(),
                intake.burst(),
                intake.maxStoredBytes(),
                m.mailAddresses(),
                live.api());
    }
}
