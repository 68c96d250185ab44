package fazt.auth.persistence;

import fazt.auth.domain.ApiToken;
import fazt.auth.domain.ApiTokens;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** API tokens in {@code auth.api_token}, looked up by the SHA-256 of their secret. */
@Singleton
final class JdbcApiTokens implements ApiTokens {
    private static final String COLUMNS =
            "t.id AS token_id, t.user_id, t.name, t.scopes, t.created_at AS token_created_at, t.expires_at, t.last_used_at, t.revoked_at, t.minted_by";
    private final Sql sql;

    JdbcApiTokens(Sql sql) {
        this.sql = sql;
    }

    private static ApiToken token(ResultSet r) throws SQLException {
        return new ApiToken(
                r.getString("token_id"),
                r.getString("user_id"),
                r.getString("name"),
                Arrays.asList((String[]) r.getArray("scopes").getArray()),
                Sql.instant(r, "token_created_at"),
                Sql.instant(r, "expires_at"),
                Sql.instant(r, "last_used_at"),
                Sql.instant(r, "revoked_at"),
                r.getString("minted_by"));
    }

    @Override
    public void create(ApiToken t, byte[] secretHash) {
        sql.update(
                "INSERT INTO api_token (id, user_id, name, scopes, secret_hash, created_at, expires_at, minted_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(),
                t.userId(),
                t.name(),
                t.scopes(),
                secretHash,
                t.createdAt(),
                t.expiresAt(),
                t.mintedBy());
    }

    @Override
    public Optional<Usable> findUsable(byte[] secretHash) {
        return sql.optional(
                "SELECT " + COLUMNS + ", u.id, u.username, u.email, u.role, u.created_at, u.disabled_at"
                        + " FROM api_token t LEFT JOIN app_user u ON u.id = t.user_id"
                        + " WHERE t.secret_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())"
                        + " AND (t.user_id IS NULL OR u.disabled_at IS NULL)",
                r -> new Usable(token(r), r.getString("id") == null ? null : JdbcUsers.user(r)),
                secretHash);
    }

    @Override
    public void touch(String id, Instant lastUsed) {
        sql.update("UPDATE api_token SET last_used_at = ? WHERE id = ?", lastUsed, id);
    }

    @Override
    public List<ApiToken> listOf(String userId) {
        return sql.list(
                "SELECT " + COLUMNS + " FROM api_token t WHERE t.user_id = ? ORDER BY t.created_at",
                JdbcApiTokens::token,
                userId);
    }

    @Override
    public List<ApiToken> listMintedBy(String credential) {
        return sql.list(
                "SELECT " + COLUMNS
                        + " FROM api_token t WHERE t.user_id IS NULL AND t.minted_by = ? ORDER BY t.created_at",
                JdbcApiTokens::token,
                credential);
    }

    @Override
    public List<ApiToken> listAll() {
        return sql.list("SELECT " + COLUMNS + " FROM api_token t ORDER BY t.created_at", JdbcApiTokens::token);
    }

    @Override
    public Optional<ApiToken> byId(String id) {
        return sql.optional("SELECT " + COLUMNS + " FROM api_token t WHERE t.id = ?", JdbcApiTokens::token, id);
    }

    @Override
    public boolean revoke(String id) {
        return sql.update("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id) == 1;
    }
}
