package fazt.auth.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.auth.domain.ApiToken;
import fazt.auth.domain.User;
import fazt.proto.MessageCodec;
import fazt.proto.auth.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the auth admin API. Secrets appear only in the answers that create them. */
final class AuthViews {
    private AuthViews() {}

    static Map<String, Object> user(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", u.id());
        out.put("username", u.username());
        out.put("email", u.email());
        out.put("role", u.role().id());
        out.put("disabled", !u.active());
        out.put("createdAt", u.createdAt());
        return out;
    }

    static Map<String, Object> token(ApiToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("owner", t.userId() == null ? "bootstrap" : t.userId());
        out.put("scopes", t.scopes());
        out.put("createdAt", t.createdAt());
        out.put("expiresAt", t.expiresAt());
        out.put("lastUsedAt", t.lastUsedAt());
        out.put("revokedAt", t.revokedAt());
        out.put("status", t.revokedAt() != null ? "revoked"
                : t.expiresAt() != null && t.expiresAt().isBefore(Instant.now()) ? "expired" : "active");
        return out;
    }

    static Map<String, Object> principal(Principal p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", p.subject());
        out.put("name", p.name());
        out.put("scopes", p.scopes());
        out.put("credential", p.credential());
        return out;
    }

    static Map<String, Object> users(List<User> users) {
        return Map.of("users", users.stream().map(AuthViews::user).toList());
    }

    static Map<String, Object> tokens(List<ApiToken> tokens) {
        return Map.of("tokens", tokens.stream().map(AuthViews::token).toList());
    }

    static String json(Object value) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
