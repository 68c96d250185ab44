package fazt.auth.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.auth.domain.ApiToken;
import fazt.auth.domain.User;
import fazt.proto.MessageCodec;
import fazt.proto.auth.CallerView;
import fazt.proto.auth.Principal;
import fazt.proto.auth.TokenList;
import fazt.proto.auth.TokenView;
import fazt.proto.auth.UserAnswer;
import fazt.proto.auth.UserList;
import fazt.proto.auth.UserView;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the auth admin API, as the records of {@link fazt.proto.auth.AuthAdminApi} declare them. Secrets
 * appear only in the answers that create them.
 */
final class AuthViews {
    private AuthViews() {}

    static UserView user(User u) {
        return new UserView(u.id(), u.username(), u.email(), u.role().id(), !u.active(), u.createdAt());
    }

    static UserAnswer userAnswer(User u) {
        return new UserAnswer(user(u));
    }

    static TokenView token(ApiToken t) {
        return new TokenView(
                t.id(),
                t.name(),
                t.userId() == null ? "bootstrap" : t.userId(),
                t.scopes(),
                t.createdAt(),
                t.expiresAt(),
                t.lastUsedAt(),
                t.revokedAt(),
                t.revokedAt() != null
                        ? "revoked"
                        : t.expiresAt() != null && t.expiresAt().isBefore(Instant.now()) ? "expired" : "active");
    }

    static CallerView principal(Principal p) {
        return new CallerView(p.subject(), p.name(), p.scopes(), p.credential());
    }

    static UserList users(List<User> users) {
        return new UserList(users.stream().map(AuthViews::user).toList());
    }

    static TokenList tokens(List<ApiToken> tokens) {
        return new TokenList(tokens.stream().map(AuthViews::token).toList());
    }

    static String json(Object value) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
