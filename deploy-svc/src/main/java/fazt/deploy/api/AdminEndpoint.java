package fazt.deploy.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.deploy.domain.App;
import fazt.deploy.domain.AppName;
import fazt.deploy.domain.AppOwner;
import fazt.deploy.domain.AppVersion;
import fazt.deploy.domain.Apps;
import fazt.deploy.domain.BundleLimits;
import fazt.deploy.domain.DeployBundle;
import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.ManageApps;
import fazt.deploy.domain.ManageDomains;
import fazt.deploy.domain.ManageEnv;
import fazt.deploy.domain.SiteFile;
import fazt.deploy.domain.SiteFiles;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.Cloned;
import fazt.proto.deploy.DeployAdminApi;
import fazt.proto.deploy.RolledBack;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code svc.deploy.admin}: the apps part of the admin API ({@link DeployAdminApi}), forwarded by the gateway. One
 * handler per declared route: it calls one use case and renders JSON; the router checked the path, method and
 * scopes. Env values never appear in a log line or a problem; listings mask secrets.
 */
@Singleton
final class AdminEndpoint implements RequestEndpoint {
    private final DeployBundle deploy;
    private final ManageApps manage;
    private final ManageEnv env;
    private final SiteFiles files;
    private final Apps apps;
    private final ManageDomains domains;
    private final BundleLimits limits;
    private final String domain;
    private final AdminInput input = new AdminInput(ServiceName.DEPLOY);
    private final AdminRouter router;

    AdminEndpoint(
            DeployBundle deploy,
            ManageApps manage,
            ManageEnv env,
            SiteFiles files,
            Apps apps,
            BundleLimits limits,
            BootstrapSettings settings,
            ManageDomains domains,
            PrincipalVerifier verifier) {
        this.domains = domains;
        this.deploy = deploy;
        this.manage = manage;
        this.env = env;
        this.files = files;
        this.apps = apps;
        this.limits = limits;
        this.domain = settings.domain();
        this.router = AdminRouter.of(ServiceName.DEPLOY, DeployAdminApi.ROUTES)
                .on("GET /apps", this::list)
                .on("GET /apps/{name}", this::show)
                .on("PATCH /apps/{name}", this::rename)
                .on("DELETE /apps/{name}", this::delete)
                .on("POST /apps/{name}/deploy", this::deploy)
                .on("GET /apps/{name}/versions", this::versions)
                .on("POST /apps/{name}/rollback", this::rollback)
                .on("POST /apps/{name}/clone", this::cloneApp)
                .on("GET /apps/{name}/files", this::files)
                .on("GET /apps/{name}/files/{path+}", this::file)
                .on("GET /apps/{name}/env", this::envList)
                .on("PUT /apps/{name}/env/{key}", this::envSet)
                .on("DELETE /apps/{name}/env/{key}", this::envUnset)
                .on("GET /apps/{name}/domains", this::domainList)
                .on("POST /apps/{name}/domains", this::domainAdd)
                .on("DELETE /apps/{name}/domains/{domain}", this::domainRemove)
                .on("POST /apps/{name}/domains/{domain}/verify", this::domainVerify)
                .on("GET /domains", this::domainsAll)
                .verifiedBy(verifier)
                .build();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.DEPLOY);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        try {
            return router.handle(incoming);
        } catch (DeployException e) {
            throw ProblemMapper.toProblem(e);
        }
    }

    private AdminResponse list(AdminCall call) {
        Principal who = call.principal();
        List<App> visible = apps.list().stream()
                .filter(a -> who.allows(Principal.READ) || who.allows("deploy:" + a.name()))
                .toList();
        return AdminResponse.json(200, AppViews.json(AppViews.apps(visible, domain)));
    }

    private AdminResponse show(AdminCall call) {
        App app = manage.get(call.param("name"));
        return AdminResponse.json(200, AppViews.json(AppViews.app(app, domain, env.missing(app))));
    }

    private AdminResponse rename(AdminCall call) {
        AppName to = AppName.parse(input.requiredText(input.jsonBody(call.request()), "name"));
        canChange(call.principal(), to.value());
        return AdminResponse.json(200, AppViews.json(AppViews.app(manage.rename(call.param("name"), to), domain)));
    }

    private AdminResponse delete(AdminCall call) {
        manage.delete(call.param("name"));
        return new AdminResponse(204, null, null, null, null);
    }

    private AdminResponse deploy(AdminCall call) {
        AppName app = AppName.parse(call.param("name"));
        DeployBundle.Result result = deployFrom(call.request(), app);
        return AdminResponse.json(
                result.created() ? 201 : 200,
                AppViews.json(AppViews.deployed(result, domain, env.missing(result.app()))));
    }

    private AdminResponse versions(AdminCall call) {
        App app = manage.get(call.param("name"));
        return AdminResponse.json(200, AppViews.json(AppViews.versions(apps.versions(app.id()), app.liveVersion())));
    }

    private AdminResponse rollback(AdminCall call) {
        String name = call.param("name");
        Integer version = input.positiveInt(input.jsonBody(call.request()), "version");
        AppVersion live = manage.rollback(name, version);
        return AdminResponse.json(
                200, AppViews.json(new RolledBack(AppViews.app(manage.get(name), domain), live.version())));
    }

    private AdminResponse cloneApp(AdminCall call) {
        JsonNode body = input.jsonBody(call.request());
        AppName as = AppName.parse(input.requiredText(body, "as"));
        canChange(call.principal(), as.value());
        Integer version = input.positiveInt(body, "version");
        App cloned = manage.cloneApp(call.param("name"), version, as, AppOwner.of(call.principal()));
        return AdminResponse.json(201, AppViews.json(new Cloned(AppViews.app(cloned, domain))));
    }

    private AdminResponse files(AdminCall call) {
        AppVersion live = manage.live(call.param("name"));
        return AdminResponse.json(200, AppViews.json(AppViews.files(files.list(live.namespace()))));
    }

    private AdminResponse file(AdminCall call) {
        String name = call.param("name");
        String path = call.param("path");
        AppVersion live = manage.live(name);
        SiteFile file =
                files.stat(live.namespace(), path).orElseThrow(() -> new DeployException.FileNotFound(name, path));
        String type = URLConnection.guessContentTypeFromName(path);
        return new AdminResponse(
                200,
                type == null ? "application/octet-stream" : type,
                null,
                null,
                new BodyBlob(file.digest(), file.size()));
    }

    private AdminResponse envList(AdminCall call) {
        return AdminResponse.json(200, AppViews.json(AppViews.env(env.list(call.param("name")))));
    }

    private AdminResponse envSet(AdminCall call) {
        String name = call.param("name");
        String key = call.param("key");
        if (call.request().bodyBlob() != null) {
            throw new DeployException.EnvRejected(
                    "value",
                    "The body is too large; a value holds at most " + ManageEnv.MAX_VALUE_BYTES / 1024 + " KiB.");
        }
        JsonNode body = input.jsonBody(call.request());
        JsonNode value = body.get("value");
        if (value == null || !value.isTextual()) {
            throw new DeployException.EnvRejected("value", "The body needs \"value\" (a string).");
        }
        JsonNode secret = body.get("secret");
        if (secret != null && !secret.isNull() && !secret.isBoolean()) {
            throw new DeployException.EnvRejected("secret", "\"secret\" must be true or false.");
        }
        boolean created = env.set(name, key, value.asText(), secret != null && secret.asBoolean());
        ManageEnv.Listed set = env.list(name).stream()
                .filter(v -> v.key().equals(key))
                .findFirst()
                .orElseThrow();
        return AdminResponse.json(created ? 201 : 200, AppViews.json(AppViews.env(set)));
    }

    private AdminResponse envUnset(AdminCall call) {
        env.unset(call.param("name"), call.param("key"));
        return new AdminResponse(204, null, null, null, null);
    }

    private AdminResponse domainList(AdminCall call) {
        return AdminResponse.json(200, AppViews.json(AppViews.domains(domains.list(call.param("name")))));
    }

    private AdminResponse domainAdd(AdminCall call) {
        String name = call.param("name");
        if (call.request().bodyBlob() != null) {
            throw new DeployException.InvalidDomain(
                    "", "the body is too large; send {\"domain\": \"shop.example.com\"}");
        }
        JsonNode body = input.jsonBody(call.request());
        JsonNode domain = body.get("domain");
        if (domain == null || !domain.isTextual()) {
            throw new DeployException.InvalidDomain(
                    "", "the body needs \"domain\" (a string such as shop.example.com)");
        }
        ManageDomains.Added added = domains.add(name, domain.asText());
        return AdminResponse.json(added.created() ? 201 : 200, AppViews.json(AppViews.domain(added.domain())));
    }

    private AdminResponse domainRemove(AdminCall call) {
        domains.remove(call.param("name"), call.param("domain"));
        return new AdminResponse(204, null, null, null, null);
    }

    private AdminResponse domainVerify(AdminCall call) {
        return AdminResponse.json(
                200, AppViews.json(AppViews.domain(domains.verify(call.param("name"), call.param("domain")))));
    }

    private AdminResponse domainsAll(AdminCall call) {
        return AdminResponse.json(200, AppViews.json(AppViews.domains(domains.all())));
    }

    private DeployBundle.Result deployFrom(AdminRequest request, AppName app) {
        BodyBlob blob = request.bodyBlob();
        if (blob == null) {
            throw new DeployException.InvalidRequest(
                    "body", "Send the bundle (zip or tar.gz) as the request body, e.g. Content-Type: application/zip.");
        }
        if (blob.size() > limits.maxBundleBytes()) {
            throw new DeployException.BundleRejected(
                    null, "The bundle is larger than " + limits.maxBundleBytes() / (1024 * 1024) + " MB.");
        }
        Path archive;
        try {
            archive = Files.createTempFile("fazt-upload-", ".bundle");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            files.download(blob.digest(), blob.size(), archive);
            return deploy.deploy(
                    app, archive, "deploy by " + request.principal().name(), AppOwner.of(request.principal()));
        } finally {
            archive.toFile().delete();
        }
    }

    private static void canChange(Principal who, String app) {
        if (!who.allows("deploy:" + app)) {
            throw new DeployException.NotAllowed("deploy:" + app);
        }
    }
}
