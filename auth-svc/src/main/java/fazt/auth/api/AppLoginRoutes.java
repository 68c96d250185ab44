package fazt.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.domain.AuthException;
import fazt.auth.domain.appauth.AppAccess;
import fazt.auth.domain.appauth.ConfigureAppLogin;
import fazt.auth.domain.appauth.ProviderConfig;
import fazt.proto.admin.AdminResponse;
import fazt.proto.auth.Principal;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/apps/<app>/auth/providers[/<provider>]} and {@code /api/apps/<app>/auth/access}: an app's login
 * providers and allow-list. Answers show whether a client secret is set, never the secret.
 */
@Singleton
final class AppLoginRoutes {
    private final ConfigureAppLogin configure;

    AppLoginRoutes(ConfigureAppLogin configure) {
        this.configure = configure;
    }

    /** {@code parts}: the path split at {@code /}, starting with {@code apps}. */
    AdminResponse route(String method, String[] parts, JsonNode body, Principal who) {
        if (parts.length < 4 || !parts[2].equals("auth")) {
            throw new AuthException.NotFound("This admin API path");
        }
        String app = parts[1];
        return switch (parts[3]) {
            case "providers" -> parts.length == 4 ? switch (method) {
                case "GET" -> json(200, Map.of("providers", configure.list(who, app).stream().map(AppLoginRoutes::view).toList()));
                default -> throw new AuthException.InvalidInput("method", method + " is not supported here; use GET.");
            } : switch (method) {
                case "PUT" -> json(200, view(configure.put(who, app, parts[4], text(body, "kind"), text(body, "clientId"),
                        text(body, "clientSecret"), text(body, "discoveryUrl"))));
                case "DELETE" -> {
                    configure.delete(who, app, parts[4]);
                    yield new AdminResponse(204, null, null, null, null);
                }
                default -> throw new AuthException.InvalidInput("method", method + " is not supported here; use PUT, DELETE.");
            };
            case "access" -> switch (method) {
                case "GET" -> json(200, view(configure.access(who, app)));
                case "PUT" -> json(200, view(configure.putAccess(who, app, list(body, "emails"), list(body, "domains"))));
                default -> throw new AuthException.InvalidInput("method", method + " is not supported here; use GET, PUT.");
            };
            default -> throw new AuthException.NotFound("This admin API path");
        };
    }

    private static Map<String, Object> view(ProviderConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", c.provider());
        out.put("kind", c.kind().id());
        out.put("clientId", c.clientId());
        out.put("clientSecretSet", c.sealedSecret() != null);
        out.put("discoveryUrl", c.discoveryUrl());
        out.put("updatedAt", c.updatedAt());
        return out;
    }

    private static Map<String, Object> view(AppAccess a) {
        return Map.of("emails", a.emails(), "domains", a.domains());
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new AuthException.InvalidInput(field, "\"" + field + "\" must be a string.");
        }
        return value.asText();
    }

    private static List<String> list(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new AuthException.InvalidInput(field, "\"" + field + "\" must be a list of strings.");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.isTextual() ? n.asText() : null));
        return out;
    }

    private static AdminResponse json(int status, Object view) {
        return AdminResponse.json(status, AuthViews.json(view));
    }
}
