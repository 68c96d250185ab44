package fazt.auth.persistence;

import fazt.auth.domain.Secret;
import fazt.auth.domain.appauth.AppEndUsers;
import fazt.auth.domain.appauth.Identity;
import fazt.platform.service.db.Sql;
import fazt.proto.auth.AppUser;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * App end users in {@code auth.app_end_user} (one row per app, provider and provider subject) and their sessions in
 * {@code auth.app_end_user_session}, found by the SHA-256 of the secret and the app id together.
 */
@Singleton
final class JdbcAppEndUsers implements AppEndUsers {
    private final Sql sql;

    JdbcAppEndUsers(Sql sql) {
        this.sql = sql;
    }

    private static AppUser user(ResultSet r) throws SQLException {
        return new AppUser(
                r.getString("id"),
                r.getString("email"),
                r.getString("name"),
                r.getString("picture"),
                r.getString("provider"));
    }

    @Override
    public AppUser upsert(String appId, String provider, Identity i) {
        return sql.one(
                "INSERT INTO app_end_user (id, app_id, provider, subject, email, name, picture)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, provider, subject) DO UPDATE SET"
                        + " email = excluded.email, name = excluded.name, picture = excluded.picture, last_login_at = now()"
                        + " RETURNING id, email, name, picture, provider",
                JdbcAppEndUsers::user,
                Secret.id("au_"),
                appId,
                provider,
                i.subject(),
                i.email(),
                i.name(),
                i.picture());
    }

    @Override
    public void createSession(String id, String userId, String appId, byte[] secretHash, Instant expiresAt) {
        sql.update(
                "INSERT INTO app_end_user_session (id, user_id, app_id, secret_hash, expires_at) VALUES (?, ?, ?, ?, ?)",
                id,
                userId,
                appId,
                secretHash,
                expiresAt);
    }

    @Override
    public Optional<AppUser> findSession(String appId, byte[] secretHash) {
        return sql.optional(
                "SELECT u.id, u.email, u.name, u.picture, u.provider FROM app_end_user_session s"
                        + " JOIN app_end_user u ON u.id = s.user_id WHERE s.secret_hash = ? AND s.app_id = ?"
                        + " AND u.app_id = s.app_id AND s.ended_at IS NULL AND s.expires_at > now()",
                JdbcAppEndUsers::user,
                secretHash,
                appId);
    }

    @Override
    public boolean endSession(String appId, byte[] secretHash) {
        return sql.update(
                        "UPDATE app_end_user_session SET ended_at = now() WHERE secret_hash = ? AND app_id = ?"
                                + " AND ended_at IS NULL",
                        secretHash,
                        appId)
                == 1;
    }

    @Override
    public int forgetApp(String appId) {
        sql.update("DELETE FROM app_login_attempt WHERE app_id = ?", appId);
        return sql.update("DELETE FROM app_end_user WHERE app_id = ?", appId);
    }
}
