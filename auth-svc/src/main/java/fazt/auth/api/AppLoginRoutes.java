package fazt.auth.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.domain.AuthException;
import fazt.auth.domain.appauth.AppAccess;
import fazt.auth.domain.appauth.ConfigureAppLogin;
import fazt.auth.domain.appauth.ProviderConfig;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminResponse;
import fazt.proto.auth.LoginAccess;
import fazt.proto.auth.ProviderList;
import fazt.proto.auth.ProviderView;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/apps/<app>/auth/providers[/<provider>]} and {@code /api/apps/<app>/auth/access}: an app's login
 * providers and allow-list. Answers show whether a client secret is set, never the secret.
 */
@Singleton
final class AppLoginRoutes {
    private static final AdminInput INPUT = new AdminInput(ServiceName.AUTH);
    private final ConfigureAppLogin configure;

    AppLoginRoutes(ConfigureAppLogin configure) {
        this.configure = configure;
    }

    AdminResponse providers(AdminCall call) {
        return json(
                200,
                new ProviderList(configure.list(call.param("name")).stream()
                        .map(AppLoginRoutes::view)
                        .toList()));
    }

    AdminResponse putProvider(AdminCall call) {
        JsonNode body = INPUT.jsonBody(call.request());
        return json(
                200,
                view(configure.put(
                        call.param("name"),
                        call.param("provider"),
                        text(body, "kind"),
                        text(body, "clientId"),
                        text(body, "clientSecret"),
                        text(body, "discoveryUrl"))));
    }

    AdminResponse deleteProvider(AdminCall call) {
        configure.delete(call.param("name"), call.param("provider"));
        return new AdminResponse(204, null, null, null, null);
    }

    AdminResponse access(AdminCall call) {
        return json(200, view(configure.access(call.param("name"))));
    }

    AdminResponse putAccess(AdminCall call) {
        JsonNode body = INPUT.jsonBody(call.request());
        return json(200, view(configure.putAccess(call.param("name"), list(body, "emails"), list(body, "domains"))));
    }

    private static ProviderView view(ProviderConfig c) {
        return new ProviderView(
                c.provider(), c.kind().id(), c.clientId(), c.sealedSecret() != null, c.discoveryUrl(), c.updatedAt());
    }

    private static LoginAccess view(AppAccess a) {
        return new LoginAccess(a.emails(), a.domains());
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
