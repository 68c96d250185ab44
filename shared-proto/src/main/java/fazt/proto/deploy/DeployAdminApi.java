package fazt.proto.deploy;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/** deploy-svc's part of the admin API: apps, their bundles, versions, files and env vars. */
public final class DeployAdminApi {
    private DeployAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route(
                            "GET",
                            "/apps",
                            "caller",
                            "Lists the apps the caller may see: all with read, else those it may deploy")
                    .returns(AppList.class),
            route(
                            "GET",
                            "/apps/{name}",
                            "read|deploy:{name}",
                            "Shows an app, with the env vars its manifest needs but lacks")
                    .returns(AppView.class),
            route(
                            "PATCH",
                            "/apps/{name}",
                            "deploy:{name}",
                            "Renames an app (body: name; needs deploy: on the new name too)")
                    .returns(AppView.class),
            route("DELETE", "/apps/{name}", "deploy:{name}", "Deletes an app with its versions, files and env vars"),
            route(
                            "POST",
                            "/apps/{name}/deploy",
                            "deploy:{name}",
                            "Deploys a bundle (zip or tar.gz body) as the app's live version")
                    .returns(Deployed.class),
            route("GET", "/apps/{name}/versions", "read|deploy:{name}", "Lists an app's versions, marking the live one")
                    .returns(VersionList.class),
            route(
                            "POST",
                            "/apps/{name}/rollback",
                            "deploy:{name}",
                            "Makes an earlier version live (body: version; default the previous)")
                    .returns(RolledBack.class),
            route(
                            "POST",
                            "/apps/{name}/clone",
                            "read|deploy:{name}",
                            "Copies a version into a new app (body: as, version; needs deploy: on the new name)")
                    .returns(Cloned.class),
            route("GET", "/apps/{name}/files", "read|deploy:{name}", "Lists the files of the live version")
                    .returns(FileList.class),
            route("GET", "/apps/{name}/files/{path+}", "read|deploy:{name}", "Downloads one file of the live version"),
            route("GET", "/apps/{name}/env", "read|deploy:{name}", "Lists an app's env vars, secret values masked")
                    .returns(EnvList.class),
            route("PUT", "/apps/{name}/env/{key}", "deploy:{name}", "Sets an env var (body: value, secret)")
                    .returns(EnvVarView.class),
            route("DELETE", "/apps/{name}/env/{key}", "deploy:{name}", "Removes an env var"));

    private static AdminRoute route(String method, String template, String scope, String summary) {
        return AdminRoute.of(ServiceName.DEPLOY, method, template, scope, summary);
    }
}
