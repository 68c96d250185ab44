package fazt.proto.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An API token as the admin API shows it, never its secret: {@code owner} is the user id ({@code bootstrap} for the
 * bootstrap token), {@code status} {@code active}, {@code expired} or {@code revoked}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenView(
        String id,
        String name,
        String owner,
        List<String> scopes,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String status) {}
