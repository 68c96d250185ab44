package fazt.proto.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A token just created, the one answer that carries its secret ({@code token}); {@code user} is set when a password
 * login bought it ({@code POST /api/auth/login} with {@code tokenName}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NewToken(
        String id,
        String name,
        String owner,
        List<String> scopes,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String status,
        String token,
        @JsonInclude(JsonInclude.Include.NON_NULL) UserView user) {
    public NewToken(TokenView view, String token, UserView user) {
        this(
                view.id(),
                view.name(),
                view.owner(),
                view.scopes(),
                view.createdAt(),
                view.expiresAt(),
                view.lastUsedAt(),
                view.revokedAt(),
                view.status(),
                token,
                user);
    }
}
