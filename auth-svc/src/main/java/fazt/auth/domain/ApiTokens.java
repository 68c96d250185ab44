package fazt.auth.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: API tokens, stored by the hash of their secret. {@code userId} null: created by the bootstrap admin. */
public interface ApiTokens {
    void create(ApiToken token, byte[] secretHash);

    /** The token with this secret hash if it is neither revoked nor expired, with its user (null for bootstrap). */
    Optional<Usable> findUsable(byte[] secretHash);

    /** Records use, at most once a minute. */
    void touch(String id, Instant lastUsed);

    /** The tokens of one user. */
    List<ApiToken> listOf(String userId);

    /** The tokens without a user that {@code credential} minted ({@code bootstrap}, or a bootstrap-minted token). */
    List<ApiToken> listMintedBy(String credential);

    List<ApiToken> listAll();

    Optional<ApiToken> byId(String id);

    /** Revokes a token; false when it was already revoked or does not exist. */
    boolean revoke(String id);

    record Usable(ApiToken token, User user) {}
}
