package fazt.deploy.api;

import fazt.deploy.domain.App;
import fazt.deploy.domain.AppVersion;
import fazt.deploy.domain.DeployBundle;
import fazt.deploy.domain.Domain;
import fazt.deploy.domain.ManageEnv;
import fazt.deploy.domain.SiteFile;
import fazt.proto.MessageCodec;
import fazt.proto.deploy.AppList;
import fazt.proto.deploy.AppView;
import fazt.proto.deploy.Deployed;
import fazt.proto.deploy.DomainList;
import fazt.proto.deploy.DomainView;
import fazt.proto.deploy.EnvList;
import fazt.proto.deploy.EnvVarView;
import fazt.proto.deploy.FileList;
import fazt.proto.deploy.FileView;
import fazt.proto.deploy.VersionList;
import fazt.proto.deploy.VersionView;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The admin API's JSON bodies, as the records of {@link fazt.proto.deploy.DeployAdminApi} declare them. */
final class AppViews {
    private AppViews() {}

    static AppView app(App app, String domain) {
        return app(app, domain, null);
    }

    static AppView app(App app, String domain, List<String> missingEnv) {
        return new AppView(
                app.id().value(),
                app.name(),
                app.name() + "." + domain,
                app.liveVersion(),
                app.versions(),
                app.files(),
                app.bytes(),
                app.createdAt(),
                app.updatedAt(),
                app.owner() == null ? null : app.owner().name(),
                missingEnv);
    }

    static EnvVarView env(ManageEnv.Listed var) {
        return new EnvVarView(var.key(), var.value(), var.secret(), var.updatedAt());
    }

    static EnvList env(List<ManageEnv.Listed> vars) {
        return new EnvList(vars.stream().map(AppViews::env).toList());
    }

    static AppList apps(List<App> apps, String domain) {
        return new AppList(apps.stream().map(a -> app(a, domain)).toList());
    }

    static Deployed deployed(DeployBundle.Result result, String domain, List<String> missingEnv) {
        return new Deployed(
                app(result.app(), domain, missingEnv),
                result.version(),
                result.files(),
                result.bytes(),
                result.newBlobs(),
                missingEnv);
    }

    static VersionList versions(List<AppVersion> versions, Integer live) {
        return new VersionList(versions.stream()
                .map(v -> new VersionView(
                        v.version(),
                        v.files(),
                        v.bytes(),
                        v.source(),
                        v.createdAt(),
                        live != null && live == v.version()))
                .toList());
    }

    static FileList files(List<SiteFile> files) {
        return new FileList(files.stream()
                .map(f -> new FileView(f.path(), f.size(), f.digest()))
                .toList());
    }

    static DomainView domain(Domain d) {
        String ascii = d.name();
        String display = ascii.startsWith("*.") ? "*." + IDN.toUnicode(ascii.substring(2)) : IDN.toUnicode(ascii);
        return new DomainView(
                ascii,
                display,
                d.appName(),
                d.state().token(),
                d.reason(),
                d.verifiedAt(),
                d.checkedAt(),
                d.challengeUrl(),
                d.token());
    }

    static DomainList domains(List<Domain> domains) {
        return new DomainList(domains.stream().map(AppViews::domain).toList());
    }

    static String json(Object value) {
        return new String(MessageCodec.INSTANCE.encode(value), StandardCharsets.UTF_8);
    }
}
