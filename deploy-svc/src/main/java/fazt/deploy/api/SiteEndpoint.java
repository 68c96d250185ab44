package fazt.deploy.api;

import fazt.deploy.domain.App;
import fazt.deploy.domain.AppVersion;
import fazt.deploy.domain.Apps;
import fazt.deploy.domain.Manifest;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/** {@code svc.deploy.site.get}: how the gateway serves an app's live version. */
@Singleton
final class SiteEndpoint implements RequestEndpoint {
    private final Apps apps;

    SiteEndpoint(Apps apps) {
        this.apps = apps;
    }

    @Override
    public String subject() {
        return DeploySubjects.SITE_GET;
    }

    @Override
    public SiteReply handle(IncomingRequest request) {
        String name = request.body(SiteRequest.class).name();
        Optional<App> app = name == null ? Optional.empty() : apps.find(name);
        if (app.isEmpty() || app.get().liveVersion() == null) {
            return SiteReply.notFound();
        }
        AppVersion live = apps.version(app.get().id(), app.get().liveVersion()).orElse(null);
        if (live == null) {
            return SiteReply.notFound();
        }
        Manifest m = live.manifest();
        return new SiteReply(
                true,
                app.get().id().value(),
                app.get().name(),
                live.version(),
                live.namespace(),
                m.spa(),
                m.headers().stream()
                        .map(h -> new SiteReply.HeaderRule(h.path(), h.headers()))
                        .toList(),
                m.redirects().stream()
                        .map(r -> new SiteReply.Redirect(r.from(), r.to(), r.status()))
                        .toList(),
                live.createdAt(),
                live.api());
    }
}
