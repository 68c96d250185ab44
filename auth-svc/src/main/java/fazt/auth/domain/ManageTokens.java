package fazt.auth.domain;

import fazt.proto.auth.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Creates, lists and revokes API tokens. A caller can only hand out scopes they hold themselves and a lifetime no
 * longer than their own token's, sees and revokes their own tokens (an admin: everyone's), and receives the token
 * string once, at creation. A user owns the tokens they mint; the bootstrap admin has no account, so a token minted
 * with a bootstrap credential (the bootstrap token, or a token minted with it) is owned by that credential: a
 * {@code logs:blog} token made with the bootstrap token never sees or revokes the operator's other tokens. These are
 * rules of their own: the routes only need a caller, so the checks here are the only ones.
 */
public final class ManageTokens {
    /** Most scopes on one token, and longest token name. */
    static final int MAX_SCOPES = 32, MAX_NAME = 64;
    /** The id prefix of API tokens ({@code s_} are sessions). */
    static final String TOKEN_PREFIX = "t_";

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
        if (expiresAt != null) {
            expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS); // as stored, so the answer shows what is kept
        }
        Instant parentExpiry = parentExpiry(who);
        if (parentExpiry != null && (expiresAt == null || expiresAt.isAfter(parentExpiry))) {
            // A child never outlives the token it was minted with.
            expiresAt = parentExpiry;
        }
        String secret = Secret.generate();
        ApiToken token = new ApiToken(
                Secret.id(TOKEN_PREFIX),
                userId(who),
                name.strip(),
                unique,
                Instant.now(),
                expiresAt,
                null,
                null,
                credential(who));
        tokens.create(token, Secret.hash(secret));
        return new Created(token, new TokenString(serverUrl, secret).format());
    }

    /** The caller's tokens, or everyone's when {@code all} (admins only). */
    public List<ApiToken> list(Principal who, boolean all) {
        if (all) {
            requireAdmin(who);
            return tokens.listAll();
        }
        return isBootstrap(who) ? tokens.listMintedBy(credential(who)) : tokens.listOf(who.subject());
    }

    public ApiToken revoke(Principal who, String id) {
        ApiToken token = tokens.byId(id).orElseThrow(() -> new AuthException.NotFound("Token " + id));
        boolean own = isBootstrap(who)
                ? token.userId() == null
                        && (credential(who).equals(token.mintedBy())
                                || token.id().equals(who.credential()))
                : Objects.equals(token.userId(), who.subject());
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

    /** The expiry of the API token the caller authenticated with, or null (no expiry, not a token). */
    private Instant parentExpiry(Principal who) {
        String credential = who.credential();
        if (credential == null || !credential.startsWith(TOKEN_PREFIX)) {
            return null;
        }
        return tokens.byId(credential).map(ApiToken::expiresAt).orElse(null);
    }

    private static boolean isBootstrap(Principal who) {
        return VerifyToken.BOOTSTRAP_ADMIN.subject().equals(who.subject());
    }

    /** The user who owns what {@code who} mints; null for the bootstrap admin, who has no account. */
    private static String userId(Principal who) {
        return isBootstrap(who) ? null : who.subject();
    }

    /** The credential {@code who} authenticated with; {@code bootstrap} when a bootstrap principal does not say. */
    private static String credential(Principal who) {
        if (who.credential() != null) {
            return who.credential();
        }
        return isBootstrap(who) ? VerifyToken.BOOTSTRAP_ADMIN.credential() : null;
    }

    private static void requireAdmin(Principal who) {
        if (!who.allows(Principal.ADMIN)) {
            throw new AuthException.NotAllowed(Principal.ADMIN);
        }
    }
}
