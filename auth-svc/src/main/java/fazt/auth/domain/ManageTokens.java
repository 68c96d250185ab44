package fazt.auth.domain;

import fazt.proto.auth.Principal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Creates, lists and revokes API tokens. A caller can only hand out scopes they hold themselves, sees and revokes
 * their own tokens (an admin: everyone's), and receives the token string once, at creation. These are rules of their
 * own: the routes only need a caller, so the checks here are the only ones.
 */
public final class ManageTokens {
    /** Most scopes on one token, and longest token name. */
    static final int MAX_SCOPES = 32, MAX_NAME = 64;

    private final ApiTokens tokens;
    private final AuthEvents events;

    public ManageTokens(ApiTokens tokens, AuthEvents events) {
        this.tokens = tokens;
        this.events = events;
    }

    /** A new token and its string, which is never shown again. */
    public record Created(ApiToken token, String tokenString) {}

    public Created create(Principal who, String name, List<String> scopes, Instant expiresAt, String serverUrl) {
        if (name == null
                || name.isBlank()
                || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new AuthException.InvalidInput("name", "\"name\" needs 1 to " + MAX_NAME + " printable characters.");
        }
        if (scopes == null || scopes.isEmpty() || scopes.size() > MAX_SCOPES) {
            throw new AuthException.InvalidInput(
                    "scopes", "\"scopes\" needs 1 to " + MAX_SCOPES + " scopes, e.g. [\"deploy:blog\"].");
        }
        List<String> unique = List.copyOf(
                new LinkedHashSet<>(scopes.stream().map(Scope::parse).toList()));
        for (String scope : unique) {
            if (!who.allows(scope)) {
                throw new AuthException.NotAllowed(scope);
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new AuthException.InvalidInput("expiresAt", "\"expiresAt\" must be in the future.");
        }
        String secret = Secret.generate();
        ApiToken token =
                new ApiToken(Secret.id("t_"), ownerId(who), name.strip(), unique, Instant.now(), expiresAt, null, null);
        tokens.create(token, Secret.hash(secret));
        return new Created(token, new TokenString(serverUrl, secret).format());
    }

    /** The caller's tokens, or everyone's when {@code all} (admins only). */
    public List<ApiToken> list(Principal who, boolean all) {
        if (all) {
            requireAdmin(who);
            return tokens.listAll();
        }
        return tokens.listOf(ownerId(who));
    }

    public ApiToken revoke(Principal who, String id) {
        ApiToken token = tokens.byId(id).orElseThrow(() -> new AuthException.NotFound("Token " + id));
        boolean own = Objects.equals(token.userId(), ownerId(who));
        if (!own) {
            if (!who.allows(Principal.ADMIN)) {
                // Someone else's token: answer as if it did not exist, so ids of others' tokens cannot be probed.
                throw new AuthException.NotFound("Token " + id);
            }
        }
        if (tokens.revoke(id)) {
            events.revoked(
                    AuthEvents.Kind.TOKEN_REVOKED,
                    token.userId() == null ? VerifyToken.BOOTSTRAP_ADMIN.subject() : token.userId(),
                    id);
        }
        return tokens.byId(id).orElseThrow();
    }

    private static String ownerId(Principal who) {
        return VerifyToken.BOOTSTRAP_ADMIN.subject().equals(who.subject()) ? null : who.subject();
    }

    private static void requireAdmin(Principal who) {
        if (!who.allows(Principal.ADMIN)) {
            throw new AuthException.NotAllowed(Principal.ADMIN);
        }
    }
}
