package fazt.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.config.AdminOrigin;
import fazt.auth.domain.AuthException;
import fazt.auth.domain.AuthPolicy;
import fazt.auth.domain.FirstRun;
import fazt.auth.domain.Login;
import fazt.auth.domain.ManageTokens;
import fazt.auth.domain.ManageUsers;
import fazt.auth.domain.PrincipalSigner;
import fazt.auth.domain.Role;
import fazt.auth.domain.User;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.AdminSession;
import fazt.proto.auth.AppsHandedOver;
import fazt.proto.auth.AuthAdminApi;
import fazt.proto.auth.LoggedOut;
import fazt.proto.auth.LoginSession;
import fazt.proto.auth.NewToken;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalKeyRotated;
import fazt.proto.auth.SignupSetting;
import fazt.proto.auth.UserDeleted;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code svc.auth.admin}: the accounts part of the admin API ({@link AuthAdminApi}), forwarded by the gateway: login,
 * users, tokens, settings, the caller, and (through {@link AppLoginRoutes}) who may log in to each app. Login answers
 * with the session cookie in a {@code Set-Cookie} header the gateway passes on (adding {@code Secure} under HTTPS).
 * Login, signup and setup are public; the router refuses every other route without a caller or its scope.
 */
@Singleton
final class AdminEndpoint implements RequestEndpoint {
    private static final AdminInput INPUT = new AdminInput(ServiceName.AUTH);
    private final Login login;
    private final ManageUsers users;
    private final ManageTokens tokens;
    private final FirstRun firstRun;
    private final AdminOrigin origin;
    private final AdminRouter router;

    AdminEndpoint(
            Login login,
            ManageUsers users,
            ManageTokens tokens,
            FirstRun firstRun,
            AdminOrigin origin,
            AppLoginRoutes appLogin,
            PrincipalSigner signer,
            PrincipalVerifier verifier) {
        this.login = login;
        this.users = users;
        this.tokens = tokens;
        this.firstRun = firstRun;
        this.origin = origin;
        this.router = AdminRouter.of(ServiceName.AUTH, AuthAdminApi.ROUTES)
                .on("POST /auth/login", this::login)
                .on("POST /auth/signup", this::signup)
                .on("POST /auth/setup", this::setup)
                .on("POST /auth/logout", this::logout)
                .on("GET /me", call -> json(200, AuthViews.principal(call.principal())))
                .on("POST /auth/principal-keys/rotate", call -> {
                    PrincipalSigner.Rotation rotation = signer.rotate();
                    return json(200, new PrincipalKeyRotated(rotation.keyId(), rotation.retiredKeyId()));
                })
                .on("GET /users", call -> json(200, AuthViews.users(users.list())))
                .on("POST /users", this::createUser)
                .on("GET /users/{id}", this::user)
                .on("DELETE /users/{id}", this::deleteUser)
                .on(
                        "POST /users/{id}/disable",
                        call -> json(
                                200,
                                AuthViews.userAnswer(users.setDisabled(
                                        users.find(call.param("id")).id(), true))))
                .on(
                        "POST /users/{id}/enable",
                        call -> json(
                                200,
                                AuthViews.userAnswer(users.setDisabled(
                                        users.find(call.param("id")).id(), false))))
                .on(
                        "GET /tokens",
                        call -> json(
                                200, AuthViews.tokens(tokens.list(call.principal(), "true".equals(call.query("all"))))))
                .on("POST /tokens", this::createToken)
                .on(
                        "DELETE /tokens/{id}",
                        call -> json(200, AuthViews.token(tokens.revoke(call.principal(), call.param("id")))))
                .on("GET /settings/signup", call -> json(200, new SignupSetting(users.signupEnabled())))
                .on(
                        "PUT /settings/signup",
                        call -> json(
                                200, new SignupSetting(users.setSignup(INPUT.requiredBoolean(body(call), "enabled")))))
                .on("GET /apps/{name}/auth/providers", appLogin::providers)
                .on("PUT /apps/{name}/auth/providers/{provider}", appLogin::putProvider)
                .on("DELETE /apps/{name}/auth/providers/{provider}", appLogin::deleteProvider)
                .on("GET /apps/{name}/auth/access", appLogin::access)
                .on("PUT /apps/{name}/auth/access", appLogin::putAccess)
                .verifiedBy(verifier)
                .build();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.AUTH);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        AdminRequest request = incoming.body(AdminRequest.class);
        try {
            return router.handle(request, incoming);
        } catch (AuthException.Busy e) {
            return ProblemMapper.busy(e, request);
        } catch (AuthException e) {
            throw ProblemMapper.toProblem(e);
        }
    }

    private AdminResponse login(AdminCall call) {
        JsonNode body = body(call);
        String clientIp = call.header(FaztHeaders.CLIENT_IP);
        if (body.hasNonNull("tokenName")) {
            // The CLI's login: the password buys an API token with the user's scopes instead of a session.
            User user = login.authenticate(text(body, "username", false), text(body, "password", false), clientIp);
            ManageTokens.Created created = tokens.create(
                    user.principal(user.role().scopes(), null),
                    text(body, "tokenName", true),
                    user.role().scopes(),
                    expiry(body),
                    origin.of(call.header(FaztHeaders.ADMIN_ORIGIN)));
            return json(
                    201, new NewToken(AuthViews.token(created.token()), created.tokenString(), AuthViews.user(user)));
        }
        Login.Started started = login.login(text(body, "username", false), text(body, "password", false), clientIp);
        long maxAge = Duration.between(Instant.now(), started.expiresAt()).toSeconds();
        return withCookie(
                json(
                        200,
                        new LoginSession(
                                AuthViews.user(started.user()),
                                AdminSession.csrfToken(started.secret()),
                                started.expiresAt())),
                AdminSession.COOKIE + "=" + started.secret() + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + maxAge);
    }

    private AdminResponse signup(AdminCall call) {
        JsonNode body = body(call);
        return json(
                201,
                AuthViews.userAnswer(users.signup(
                        text(body, "username", true), text(body, "password", true), text(body, "email", false))));
    }

    private AdminResponse setup(AdminCall call) {
        JsonNode body = body(call);
        return json(
                201,
                AuthViews.userAnswer(firstRun.complete(
                        text(body, "secret", true),
                        text(body, "username", true),
                        text(body, "password", true),
                        text(body, "email", false))));
    }

    private AdminResponse logout(AdminCall call) {
        Principal who = call.principal();
        if ("true".equals(call.query("everywhere"))) {
            int ended = login.logoutEverywhere(who.subject());
            return withCookie(json(200, new LoggedOut(ended)), clearCookie());
        }
        login.logout(who.subject(), who.credential());
        return withCookie(new AdminResponse(204, null, null, null, null), clearCookie());
    }

    private AdminResponse createUser(AdminCall call) {
        JsonNode body = body(call);
        User created = users.create(
                text(body, "username", true),
                text(body, "password", true),
                text(body, "email", false),
                Role.parse(body.hasNonNull("role") ? body.get("role").asText() : "developer"));
        return json(201, AuthViews.userAnswer(created));
    }

    private AdminResponse user(AdminCall call) {
        Principal who = call.principal();
        String id = call.param("id");
        // Checked before the lookup, so callers without the scope cannot probe which usernames exist.
        boolean self = id.equals(who.subject()) || id.equalsIgnoreCase(who.name());
        if (!who.allows(Principal.READ) && !self) {
            throw new AuthException.NotAllowed(Principal.READ);
        }
        return json(200, AuthViews.userAnswer(users.find(id)));
    }

    private AdminResponse deleteUser(AdminCall call) {
        User user = users.find(call.param("id"));
        ManageUsers.Deleted deleted = users.delete(user.id(), users.handover(call.query("apps")));
        String handover =
                switch (deleted.handover()) {
                    case ManageUsers.AppHandover.TransferTo t ->
                        "transfer:" + t.admin().username();
                    case ManageUsers.AppHandover.Delete d -> "delete";
                    case ManageUsers.AppHandover.Unspecified u -> "none";
                };
        return json(
                200,
                new UserDeleted(
                        AuthViews.user(user),
                        new AppsHandedOver(handover, deleted.apps().size(), deleted.apps())));
    }

    private AdminResponse createToken(AdminCall call) {
        JsonNode body = body(call);
        ManageTokens.Created created = tokens.create(
                call.principal(),
                text(body, "name", true),
                scopes(body),
                expiry(body),
                origin.of(call.header(FaztHeaders.ADMIN_ORIGIN)));
        return json(201, new NewToken(AuthViews.token(created.token()), created.tokenString(), null));
    }

    private static List<String> scopes(JsonNode body) {
        JsonNode node = body.get("scopes");
        if (node == null || !node.isArray()) {
            throw new AuthException.InvalidInput("scopes", "\"scopes\" must be a list, e.g. [\"deploy:blog\"].");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.isTextual() ? n.asText() : null));
        return out;
    }

    private static Instant expiry(JsonNode body) {
        if (body.hasNonNull("expiresInDays")) {
            JsonNode days = body.get("expiresInDays");
            if (!days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > 3650) {
                throw new AuthException.InvalidInput(
                        "expiresInDays", "\"expiresInDays\" must be a whole number from 1 to 3650.");
            }
            return Instant.now().plus(Duration.ofDays(days.asInt()));
        }
        if (body.hasNonNull("expiresAt")) {
            try {
                return Instant.parse(body.get("expiresAt").asText());
            } catch (DateTimeParseException e) {
                throw new AuthException.InvalidInput(
                        "expiresAt", "\"expiresAt\" must be an ISO-8601 instant such as 2030-01-31T00:00:00Z.");
            }
        }
        return null;
    }

    private static String clearCookie() {
        return AdminSession.COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
    }

    private static AdminResponse withCookie(AdminResponse response, String cookie) {
        return new AdminResponse(
                response.status(), response.contentType(), Map.of("Set-Cookie", cookie), response.body(), null);
    }

    private static AdminResponse json(int status, Object view) {
        return AdminResponse.json(status, AuthViews.json(view));
    }

    private static JsonNode body(AdminCall call) {
        return INPUT.jsonBody(call.request());
    }

    /** A string field of at most {@link AuthPolicy#MAX_PASSWORD} characters; the policy checks its content. */
    private static String text(JsonNode body, String field, boolean required) {
        String value = INPUT.text(body, field, AuthPolicy.MAX_PASSWORD);
        if (value == null && required) {
            throw INPUT.invalid(field, "The body needs \"" + field + "\" (a string).");
        }
        return value;
    }
}
