package fazt.deploy.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.deploy.domain.App;
import fazt.deploy.domain.AppName;
import fazt.deploy.domain.AppOwner;
import fazt.deploy.domain.AppVersion;
import fazt.deploy.domain.BundleLimits;
import fazt.deploy.domain.DeployBundle;
import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.ManageApps;
import fazt.deploy.domain.ManageEnv;
import fazt.deploy.domain.SiteFile;
import fazt.deploy.domain.SiteFiles;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.admin.AdminInput;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code svc.deploy.admin}: the {@code /api/apps} part of the admin API, forwarded by the gateway. Routes by method and
 * path, checks the caller's scopes ({@code read} or {@code deploy:<app>} to look, {@code deploy:<app>} to change),
 * calls one use case, and renders JSON. Env values never appear in a log line or a problem; listings mask secrets.
 */
@Singleton
final class AdminEndpoint implements RequestEndpoint {
    private final DeployBundle deploy;
    private final ManageApps manage;
    private final ManageEnv env;
    private final SiteFiles files;
    private final fazt.deploy.domain.Apps apps;
    private final BundleLimits limits;
    private final String domain;
    private final AdminInput input = new AdminInput(ServiceName.DEPLOY);

    AdminEndpoint(DeployBundle deploy, ManageApps manage, ManageEnv env, SiteFiles files, fazt.deploy.domain.Apps apps,
                  BundleLimits limits, BootstrapSettings settings) {
        this.deploy = deploy;
        this.manage = manage;
        this.env = env;
        this.files = files;
        this.apps = apps;
        this.limits = limits;
        this.domain = settings.domain();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.DEPLOY);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        AdminRequest request = incoming.body(AdminRequest.class);
        try {
            return route(request);
        } catch (DeployException e) {
            throw ProblemMapper.toProblem(e);
        }
    }

    private AdminResponse route(AdminRequest request) {
        String[] parts = AdminInput.segments(request, 4);
        String method = request.method();
        Principal who = request.principal();
        if (parts.length == 1) {
            input.requireMethod(request, "GET");
            List<App> visible = apps.list().stream()
                    .filter(a -> who.allows(Principal.READ) || who.allows("deploy:" + a.name())).toList();
            return AdminResponse.json(200, AppViews.apps(visible, domain));
        }
        String name = parts[1];
        String action = parts.length > 2 ? parts[2] : "";
        return switch (action) {
            case "" -> switch (method) {
                case "GET" -> {
                    canRead(who, name);
                    App app = manage.get(name);
                    yield AdminResponse.json(200, AppViews.json(AppViews.app(app, domain, env.missing(app))));
                }
                case "PATCH" -> {
                    canChange(who, name);
                    AppName to = AppName.parse(input.requiredText(input.jsonBody(request), "name"));
                    canChange(who, to.value());
                    yield AdminResponse.json(200, AppViews.json(AppViews.app(manage.rename(name, to), domain)));
                }
                case "DELETE" -> {
                    canChange(who, name);
                    manage.delete(name);
                    yield new AdminResponse(204, null, null, null, null);
                }
                default -> throw input.methodNotAllowed(request, "GET, PATCH, DELETE");
            };
            case "deploy" -> {
                input.requireMethod(request, "POST");
                AppName app = AppName.parse(name);
                canChange(who, app.value());
                DeployBundle.Result result = deployFrom(request, app);
                yield AdminResponse.json(result.created() ? 201 : 200,
                        AppViews.deployed(result, domain, env.missing(result.app())));
            }
            case "env" -> envRoute(request, who, name, parts.length > 3 ? parts[3] : "");
            case "versions" -> {
                input.requireMethod(request, "GET");
                canRead(who, name);
                App app = manage.get(name);
                yield AdminResponse.json(200, AppViews.versions(apps.versions(app.id()), app.liveVersion()));
            }
            case "rollback" -> {
                input.requireMethod(request, "POST");
                canChange(who, name);
                JsonNode body = input.jsonBody(request);
                Integer version = input.positiveInt(body, "version");
                AppVersion live = manage.rollback(name, version);
                yield AdminResponse.json(200, AppViews.json(java.util.Map.of("app", AppViews.app(manage.get(name), domain),
                        "version", live.version())));
            }
            case "clone" -> {
                input.requireMethod(request, "POST");
                canRead(who, name);
                JsonNode body = input.jsonBody(request);
                AppName as = AppName.parse(input.requiredText(body, "as"));
                canChange(who, as.value());
                Integer version = input.positiveInt(body, "version");
                App cloned = manage.cloneApp(name, version, as, AppOwner.of(who));
                yield AdminResponse.json(201, AppViews.json(java.util.Map.of("app", AppViews.app(cloned, domain))));
            }
            case "files" -> {
                input.requireMethod(request, "GET");
                canRead(who, name);
                AppVersion live = manage.live(name);
                if (parts.length < 4 || parts[3].isEmpty()) {
                    yield AdminResponse.json(200, AppViews.files(files.list(live.namespace())));
                }
                String path = parts[3];
                SiteFile file = files.stat(live.namespace(), path)
                        .orElseThrow(() -> new DeployException.FileNotFound(name, path));
                String type = URLConnection.guessContentTypeFromName(path);
                yield new AdminResponse(200, type == null ? "application/octet-stream" : type, null, null,
                        new BodyBlob(file.digest(), file.size()));
            }
            default -> throw input.noRoute(request);
        };
    }

    /** {@code GET /apps/{name}/env}, {@code PUT} and {@code DELETE /apps/{name}/env/{KEY}}. */
    private AdminResponse envRoute(AdminRequest request, Principal who, String name, String key) {
        String method = request.method();
        if (key.isEmpty()) {
            input.requireMethod(request, "GET");
            canRead(who, name);
            return AdminResponse.json(200, AppViews.env(env.list(name)));
        }
        return switch (method) {
            case "PUT" -> {
                canChange(who, name);
                if (request.bodyBlob() != null) {
                    throw new DeployException.EnvRejected("value", "The body is too large; a value holds at most "
                            + ManageEnv.MAX_VALUE_BYTES / 1024 + " KiB.");
                }
                JsonNode body = input.jsonBody(request);
                JsonNode value = body.get("value");
                if (value == null || !value.isTextual()) {
                    throw new DeployException.EnvRejected("value", "The body needs \"value\" (a string).");
                }
                JsonNode secret = body.get("secret");
                if (secret != null && !secret.isNull() && !secret.isBoolean()) {
                    throw new DeployException.EnvRejected("secret", "\"secret\" must be true or false.");
                }
                boolean created = env.set(name, key, value.asText(), secret != null && secret.asBoolean());
                ManageEnv.Listed set = env.list(name).stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow();
                yield AdminResponse.json(created ? 201 : 200, AppViews.json(AppViews.env(set)));
            }
            case "DELETE" -> {
                canChange(who, name);
                env.unset(name, key);
                yield new AdminResponse(204, null, null, null, null);
            }
            default -> throw input.methodNotAllowed(request, "PUT, DELETE");
        };
    }

    private DeployBundle.Result deployFrom(AdminRequest request, AppName app) {
        BodyBlob blob = request.bodyBlob();
        if (blob == null) {
            throw new DeployException.InvalidRequest("body",
                    "Send the bundle (zip or tar.gz) as the request body, e.g. Content-Type: application/zip.");
        }
        if (blob.size() > limits.maxBundleBytes()) {
            throw new DeployException.BundleRejected(null, "The bundle is larger than "
                    + limits.maxBundleBytes() / (1024 * 1024) + " MB.");
        }
        Path archive;
        try {
            archive = Files.createTempFile("fazt-upload-", ".bundle");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            files.download(blob.digest(), blob.size(), archive);
            return deploy.deploy(app, archive, "deploy by " + request.principal().name(), AppOwner.of(request.principal()));
        } finally {
            archive.toFile().delete();
        }
    }

    private static void canRead(Principal who, String app) {
        if (!who.allows(Principal.READ) && !who.allows("deploy:" + app)) {
            throw new DeployException.NotAllowed("read or deploy:" + app);
        }
    }

    private static void canChange(Principal who, String app) {
        if (!who.allows("deploy:" + app)) {
            throw new DeployException.NotAllowed("deploy:" + app);
        }
    }
}
