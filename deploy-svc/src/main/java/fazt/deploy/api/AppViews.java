package fazt.deploy.api;

import fazt.deploy.domain.App;
import fazt.deploy.domain.AppVersion;
import fazt.deploy.domain.DeployBundle;
import fazt.deploy.domain.ManageEnv;
import fazt.deploy.domain.SiteFile;
import fazt.proto.MessageCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin API's JSON bodies. Field names are the API; keep them stable. */
final class AppViews {
    private AppViews() {}

    /** {@code missingEnv}: env names the live manifest declares that are not set; absent in listings. */
    /** {@code owner}: the owner's username, null for built-in apps and apps older than owners. */
    record AppView(String id, String name, String host, Integer version, int versions, int files, long bytes,
                   Instant createdAt, Instant updatedAt, String owner, List<String> missingEnv) {}

    record VersionView(int version, int files, long bytes, String source, Instant createdAt, boolean live) {}

    record FileView(String path, long size, String digest) {}

    record EnvView(String key, String value, boolean secret, Instant updatedAt) {}

    static AppView app(App app, String domain) {
        return app(app, domain, null);
    }

    static AppView app(App app, String domain, List<String> missingEnv) {
        return new AppView(app.id().value(), app.name(), app.name() + "." + domain, app.liveVersion(), app.versions(),
                app.files(), app.bytes(), app.createdAt(), app.updatedAt(), app.owner() == null ? null : app.owner().name(),
                missingEnv);
    }

    static EnvView env(ManageEnv.Listed var) {
        return new EnvView(var.key(), var.value(), var.secret(), var.updatedAt());
    }

    static String env(List<ManageEnv.Listed> vars) {
        return json(Map.of("env", vars.stream().map(AppViews::env).toList()));
    }

    static String apps(List<App> apps, String domain) {
        return json(Map.of("apps", apps.stream().map(a -> app(a, domain)).toList()));
    }

    static String deployed(DeployBundle.Result result, String domain, List<String> missingEnv) {
        return json(Map.of("app", app(result.app(), domain, missingEnv), "version", result.version(), "files",
                result.files(), "bytes", result.bytes(), "newBlobs", result.newBlobs(), "missingEnv", missingEnv));
    }

    static String versions(List<AppVersion> versions, Integer live) {
        return json(Map.of("versions", versions.stream().map(v -> new VersionView(v.version(), v.files(), v.bytes(),
                v.source(), v.createdAt(), live != null && live == v.version())).toList()));
    }

    static String files(List<SiteFile> files) {
        return json(Map.of("files", files.stream().map(f -> new FileView(f.path(), f.size(), f.digest())).toList()));
    }

    static String json(Object value) {
        return new String(MessageCodec.INSTANCE.encode(value), java.nio.charset.StandardCharsets.UTF_8);
    }
}
