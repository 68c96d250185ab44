package fazt.proto.deploy;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/** deploy-svc's part of the admin API: apps, their bundles, versions, files, env vars and custom domains. */
public final class DeployAdminApi {
    private DeployAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route(
                            "GET",
                            "/apps",
                            "caller",
                            "Lists the apps the caller may see: all with read, else those it may deploy")
                    .returns(200, AppList.class),
            route(
                            "GET",
                            "/apps/{name}",
                            "read|deploy:{name}",
                            "Shows an app, with the env vars its manifest needs but lacks")
                    .returns(200, AppView.class),
            route("PATCH", "/apps/{name}", "deploy:{name}", "Renames an app (needs deploy: on the new name too)")
                    .accepts(RenameBody.class)
                    .returns(200, AppView.class),
            route("DELETE", "/apps/{name}", "deploy:{name}", "Deletes an app with its versions, files and env vars")
                    .answers(204),
            route(
                            "POST",
                            "/apps/{name}/deploy",
                            "deploy:{name}",
                            "Deploys a bundle (zip or tar.gz body) as the app's live version")
                    .returns(200, Deployed.class)
                    .returns(201, Deployed.class),
            route("GET", "/apps/{name}/versions", "read|deploy:{name}", "Lists an app's versions, marking the live one")
                    .returns(200, VersionList.class),
            route(
                            "POST",
                            "/apps/{name}/rollback",
                            "deploy:{name}",
                            "Makes an earlier version live (default the previous)")
                    .accepts(RollbackBody.class)
                    .returns(200, RolledBack.class),
            route(
                            "POST",
                            "/apps/{name}/clone",
                            "read|deploy:{name}",
                            "Copies a version into a new app (needs deploy: on the new name)")
                    .accepts(CloneBody.class)
                    .returns(201, Cloned.class),
            route("GET", "/apps/{name}/files", "read|deploy:{name}", "Lists the files of the live version")
                    .returns(200, FileList.class),
            route("GET", "/apps/{name}/files/{path+}", "read|deploy:{name}", "Downloads one file of the live version")
                    .answers(200),
            route("GET", "/apps/{name}/env", "read|deploy:{name}", "Lists an app's env vars, secret values masked")
                    .returns(200, EnvList.class),
            route("PUT", "/apps/{name}/env/{key}", "deploy:{name}", "Sets an env var: 201 when new, 200 when replaced")
                    .accepts(EnvVarBody.class)
                    .returns(200, EnvVarView.class)
                    .returns(201, EnvVarView.class),
            route("DELETE", "/apps/{name}/env/{key}", "deploy:{name}", "Removes an env var")
                    .answers(204),
            route(
                            "GET",
                            "/apps/{name}/domains",
                            "read|deploy:{name}",
                            "Lists an app's custom domains with their verification state")
                    .returns(200, DomainList.class),
            route(
                            "POST",
                            "/apps/{name}/domains",
                            "deploy:{name}",
                            "Maps a custom domain to an app (*.example.com for a wildcard): 201 when new, 200 when it"
                                    + " was already this app's")
                    .accepts(DomainBody.class)
                    .returns(200, DomainView.class)
                    .returns(201, DomainView.class),
            route("DELETE", "/apps/{name}/domains/{domain}", "deploy:{name}", "Removes a custom domain from an app")
                    .answers(204),
            route("POST", "/apps/{name}/domains/{domain}/verify", "deploy:{name}", "Checks a custom domain now")
                    .returns(200, DomainView.class),
            route("GET", "/domains", "read", "Lists every custom domain of every app")
                    .returns(200, DomainList.class));

    private static AdminRoute route(String method, String template, String scope, String summary) {
        return AdminRoute.of(ServiceName.DEPLOY, method, template, scope, summary);
    }
}
