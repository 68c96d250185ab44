package fazt.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.domain.AuthException;
import fazt.auth.domain.AuthPolicy;
import fazt.auth.domain.FirstRun;
import fazt.auth.domain.Login;
import fazt.auth.domain.ManageTokens;
import fazt.auth.domain.ManageUsers;
import fazt.auth.domain.Role;
import fazt.auth.domain.User;
import fazt.auth.config.AdminOrigin;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.admin.AdminInput;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.AdminSession;
import fazt.proto.auth.Principal;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code svc.auth.admin}: the {@code /api/auth}, {@code /api/users}, {@code /api/tokens}, {@code /api/settings} and
 * {@code /api/me} parts of the admin API, forwarded by the gateway. Login answers with the session cookie in a
 * {@code Set-Cookie} header the gateway passes on (adding {@code Secure} under HTTPS). Login, signup and setup come
 * without a principal; every other route needs one.
 */
@Singleton
final class AdminEndpoint implements RequestEndpoint {
    private static final AdminInput INPUT = new AdminInput(ServiceName.AUTH);
    private final Login login;
    private final ManageUsers users;
    private final ManageTokens tokens;
    private final FirstRun firstRun;
    private final AdminOrigin origin;
    private final AppLoginRoutes appLogin;

    AdminEndpoint(Login login, ManageUsers users, ManageTokens tokens, FirstRun firstRun, AdminOrigin origin,
                  AppLoginRoutes appLogin) {
        this.appLogin = appLogin;
        this.login = login;
        this.users = users;
        this.tokens = tokens;
        this.firstRun = firstRun;
        this.origin = origin;
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.AUTH);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        AdminRequest request = incoming.body(AdminRequest.class);
        try {
            return route(request, incoming);
        } catch (AuthException.Busy e) {
            return ProblemMapper.busy(e, "/api" + request.path());
        } catch (AuthException e) {
            throw ProblemMapper.toProblem(e);
        }
    }

    private AdminResponse route(AdminRequest request, IncomingRequest incoming) {
        String[] parts = request.path().replaceAll("^/+|/+$", "").split("/");
        String method = request.method();
        if (AdminSession.isPublic(method, request.path().replaceAll("/+$", ""))) {
            return publicRoute(parts[1], request, incoming);
        }
        Principal who = request.principal();
        if (who == null) {
            throw ProblemMapper.unauthorized();
        }
        String id = parts.length > 1 ? parts[1] : null;
        return switch (parts[0]) {
            case "me" -> {
                requireMethod(request, "GET", parts.length == 1);
                yield json(200, AuthViews.principal(who));
            }
            case "auth" -> {
                requireMethod(request, "POST", parts.length == 2 && parts[1].equals("logout"));
                if ("true".equals(request.queryParam("everywhere"))) {
                    int ended = login.logoutEverywhere(who.subject());
                    yield withCookie(json(200, Map.of("sessionsEnded", ended)), clearCookie());
                }
                login.logout(who.subject(), who.credential());
                yield withCookie(new AdminResponse(204, null, null, null, null), clearCookie());
            }
            case "apps" -> appLogin.route(method, parts, body(request), who);
            case "users" -> usersRoute(method, id, parts, request, who);
            case "tokens" -> tokensRoute(method, id, parts, request, incoming, who);
            case "settings" -> {
                if (parts.length != 2 || !parts[1].equals("signup")) {
                    throw notFound(request);
                }
                yield switch (method) {
                    case "GET" -> {
                        if (!who.allows(Principal.READ)) {
                            throw new AuthException.NotAllowed("read");
                        }
                        yield json(200, Map.of("enabled", users.signupEnabled()));
                    }
                    case "PUT" -> json(200, Map.of("enabled", users.setSignup(who, INPUT.requiredBoolean(body(request), "enabled"))));
                    default -> throw methodNotAllowed(request, "GET, PUT");
                };
            }
            default -> throw notFound(request);
        };
    }

    private AdminResponse publicRoute(String action, AdminRequest request, IncomingRequest incoming) {
        JsonNode body = body(request);
        return switch (action) {
            case "login" -> {
                if (body.hasNonNull("tokenName")) {
                    // The CLI's login: the password buys an API token with the user's scopes instead of a session.
                    User user = login.authenticate(text(body, "username", false), text(body, "password", false),
                            incoming.header(FaztHeaders.CLIENT_IP));
                    ManageTokens.Created created = tokens.create(user.principal(user.role().scopes(), null),
                            text(body, "tokenName", true), user.role().scopes(), expiry(body),
                            origin.of(incoming.header(FaztHeaders.ADMIN_ORIGIN)));
                    var view = new java.util.LinkedHashMap<>(AuthViews.token(created.token()));
                    view.put("token", created.tokenString());
                    view.put("user", AuthViews.user(user));
                    yield json(201, view);
                }
                Login.Started started = login.login(text(body, "username", false), text(body, "password", false),
                        incoming.header(FaztHeaders.CLIENT_IP));
                long maxAge = java.time.Duration.between(Instant.now(), started.expiresAt()).toSeconds();
                yield withCookie(json(200, Map.of("user", AuthViews.user(started.user()),
                                "csrfToken", AdminSession.csrfToken(started.secret()), "expiresAt", started.expiresAt())),
                        AdminSession.COOKIE + "=" + started.secret() + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + maxAge);
            }
            case "signup" -> json(201, Map.of("user", AuthViews.user(users.signup(text(body, "username", true),
                    text(body, "password", true), text(body, "email", false)))));
            case "setup" -> json(201, Map.of("user", AuthViews.user(firstRun.complete(text(body, "secret", true),
                    text(body, "username", true), text(body, "password", true), text(body, "email", false)))));
            default -> throw new IllegalStateException("unrouted public path " + action);
        };
    }

    private AdminResponse usersRoute(String method, String id, String[] parts, AdminRequest request, Principal who) {
        if (id == null) {
            return switch (method) {
                case "GET" -> json(200, AuthViews.users(users.list(who)));
                case "POST" -> {
                    requireAdmin(who);
                    JsonNode body = body(request);
                    User created = users.create(who, text(body, "username", true), text(body, "password", true),
                            text(body, "email", false), Role.parse(body.hasNonNull("role") ? body.get("role").asText() : "developer"));
                    yield json(201, Map.of("user", AuthViews.user(created)));
                }
                default -> throw methodNotAllowed(request, "GET, POST");
            };
        }
        // Checked before the lookup, so callers without the scope cannot probe which usernames exist.
        boolean self = id.equals(who.subject()) || id.equalsIgnoreCase(who.name());
        if (method.equals("GET") ? !who.allows(Principal.READ) && !self : !who.allows(Principal.ADMIN)) {
            throw new AuthException.NotAllowed(method.equals("GET") ? Principal.READ : Principal.ADMIN);
        }
        User user = users.find(id);
        String action = parts.length > 2 ? parts[2] : "";
        return switch (action) {
            case "" -> switch (method) {
                case "GET" -> json(200, Map.of("user", AuthViews.user(user)));
                case "DELETE" -> {
                    ManageUsers.Deleted deleted = users.delete(who, user.id(), users.handover(request.queryParam("apps")));
                    String handover = switch (deleted.handover()) {
                        case ManageUsers.AppHandover.TransferTo t -> "transfer:" + t.admin().username();
                        case ManageUsers.AppHandover.Delete d -> "delete";
                        case ManageUsers.AppHandover.Unspecified u -> "none";
                    };
                    yield json(200, Map.of("deleted", AuthViews.user(user), "apps", Map.of("handover", handover,
                            "affected", deleted.apps().size(), "names", deleted.apps())));
                }
                default -> throw methodNotAllowed(request, "GET, DELETE");
            };
            case "disable", "enable" -> {
                requireMethod(request, "POST", true);
                yield json(200, Map.of("user", AuthViews.user(users.setDisabled(who, user.id(), action.equals("disable")))));
            }
            default -> throw notFound(request);
        };
    }

    private AdminResponse tokensRoute(String method, String id, String[] parts, AdminRequest request,
                                      IncomingRequest incoming, Principal who) {
        if (id == null) {
            return switch (method) {
                case "GET" -> json(200, AuthViews.tokens(tokens.list(who, "true".equals(request.queryParam("all")))));
                case "POST" -> {
                    JsonNode body = body(request);
                    ManageTokens.Created created = tokens.create(who, text(body, "name", true), scopes(body),
                            expiry(body), origin.of(incoming.header(FaztHeaders.ADMIN_ORIGIN)));
                    var view = new java.util.LinkedHashMap<>(AuthViews.token(created.token()));
                    view.put("token", created.tokenString());
                    yield json(201, view);
                }
                default -> throw methodNotAllowed(request, "GET, POST");
            };
        }
        if (parts.length > 2) {
            throw notFound(request);
        }
        requireMethod(request, "DELETE", true);
        return json(200, AuthViews.token(tokens.revoke(who, id)));
    }

    private static void requireAdmin(Principal who) {
        if (!who.allows(Principal.ADMIN)) {
            throw new AuthException.NotAllowed(Principal.ADMIN);
        }
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
                throw new AuthException.InvalidInput("expiresInDays", "\"expiresInDays\" must be a whole number from 1 to 3650.");
            }
            return Instant.now().plus(java.time.Duration.ofDays(days.asInt()));
        }
        if (body.hasNonNull("expiresAt")) {
            try {
                return Instant.parse(body.get("expiresAt").asText());
            } catch (DateTimeParseException e) {
                throw new AuthException.InvalidInput("expiresAt", "\"expiresAt\" must be an ISO-8601 instant such as 2030-01-31T00:00:00Z.");
            }
        }
        return null;
    }

    private static String clearCookie() {
        return AdminSession.COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
    }

    private static AdminResponse withCookie(AdminResponse response, String cookie) {
        return new AdminResponse(response.status(), response.contentType(), Map.of("Set-Cookie", cookie), response.body(), null);
    }

    private static AdminResponse json(int status, Object view) {
        return AdminResponse.json(status, AuthViews.json(view));
    }

    private static void requireMethod(AdminRequest request, String allowed, boolean pathKnown) {
        if (!pathKnown) {
            throw new AuthException.NotFound("This admin API path");
        }
        INPUT.requireMethod(request, allowed);
    }

    private static RuntimeException methodNotAllowed(AdminRequest request, String allowed) {
        return INPUT.methodNotAllowed(request, allowed);
    }

    private static AuthException notFound(AdminRequest request) {
        return new AuthException.NotFound("/api" + request.path());
    }

    private static JsonNode body(AdminRequest request) {
        return INPUT.jsonBody(request);
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
