package fazt.proto.auth;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/**
 * auth-svc's part of the admin API: logging in, accounts, API tokens, settings, and who may log in to each app.
 * Login, signup and setup are public: the gateway forwards them without a caller.
 */
public final class AuthAdminApi {
    private AuthAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route("POST", "/auth/login", "public", "Logs in: a session cookie, or with tokenName an API token")
                    .accepts(LoginBody.class)
                    .returns(200, LoginSession.class)
                    .returns(201, NewToken.class),
            route("POST", "/auth/signup", "public", "Creates an account when public signup is on")
                    .accepts(SignupBody.class)
                    .returns(201, UserAnswer.class),
            route("POST", "/auth/setup", "public", "Creates the first admin account with the one-time setup secret")
                    .accepts(SetupBody.class)
                    .returns(201, UserAnswer.class),
            route("POST", "/auth/logout", "caller", "Ends this session, or with everywhere=true all of the caller's")
                    .query("everywhere")
                    .returns(200, LoggedOut.class)
                    .answers(204),
            route("GET", "/me", "caller", "Shows the caller: subject, name, scopes, credential")
                    .returns(200, CallerView.class),
            route(
                            "POST",
                            "/auth/principal-keys/rotate",
                            "admin",
                            "Rotates the key callers are signed with; the old one holds until its assertions expire")
                    .returns(200, PrincipalKeyRotated.class),
            route("GET", "/users", "read", "Lists the accounts").returns(200, UserList.class),
            route("POST", "/users", "admin", "Creates an account")
                    .accepts(CreateUserBody.class)
                    .returns(201, UserAnswer.class),
            route("GET", "/users/{id}", "caller", "Shows an account (read, or the caller's own)")
                    .returns(200, UserAnswer.class),
            route(
                            "DELETE",
                            "/users/{id}",
                            "admin",
                            "Deletes an account; apps=transfer:<admin>|delete hands its apps over")
                    .query("apps")
                    .returns(200, UserDeleted.class),
            route("POST", "/users/{id}/disable", "admin", "Disables an account and ends its sessions and tokens")
                    .returns(200, UserAnswer.class),
            route("POST", "/users/{id}/enable", "admin", "Enables a disabled account")
                    .returns(200, UserAnswer.class),
            route("GET", "/tokens", "caller", "Lists the caller's API tokens, or with all=true (admin) everyone's")
                    .query("all")
                    .returns(200, TokenList.class),
            route("POST", "/tokens", "caller", "Creates an API token with at most the caller's scopes")
                    .accepts(CreateTokenBody.class)
                    .returns(201, NewToken.class),
            route("DELETE", "/tokens/{id}", "caller", "Revokes an API token (the caller's own, or any with admin)")
                    .returns(200, TokenView.class),
            route("GET", "/settings/signup", "read", "Shows whether public signup is on")
                    .returns(200, SignupSetting.class),
            route("PUT", "/settings/signup", "admin", "Turns public signup on or off")
                    .accepts(SignupSetting.class)
                    .returns(200, SignupSetting.class),
            route(
                            "GET",
                            "/apps/{name}/auth/providers",
                            "read|deploy:{name}",
                            "Lists an app's login providers, secrets never shown")
                    .returns(200, ProviderList.class),
            route("PUT", "/apps/{name}/auth/providers/{provider}", "deploy:{name}", "Sets a login provider")
                    .accepts(ProviderBody.class)
                    .returns(200, ProviderView.class),
            route("DELETE", "/apps/{name}/auth/providers/{provider}", "deploy:{name}", "Removes a login provider")
                    .answers(204),
            route("GET", "/apps/{name}/auth/access", "read|deploy:{name}", "Shows who may log in to an app")
                    .returns(200, LoginAccess.class),
            route("PUT", "/apps/{name}/auth/access", "deploy:{name}", "Sets who may log in to an app")
                    .accepts(LoginAccess.class)
                    .returns(200, LoginAccess.class));

    private static AdminRoute route(String method, String template, String scope, String summary) {
        return AdminRoute.of(ServiceName.AUTH, method, template, scope, summary);
    }
}
