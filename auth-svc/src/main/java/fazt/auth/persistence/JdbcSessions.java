package fazt.auth.persistence;

import fazt.auth.domain.Sessions;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Dashboard sessions in {@code auth.session}, looked up by the SHA-256 of their secret. */
@Singleton
final class JdbcSessions implements Sessions {
    private final Sql sql;

    JdbcSessions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void create(String id, String userId, byte[] secretHash, Instant expiresAt, String clientIp) {
        sql.update(
                "INSERT INTO session (id, user_id, secret_hash, expires_at, client_ip) VALUES (?, ?, ?, ?, ?)",
                id,
                userId,
                secretHash,
                expiresAt,
                clientIp);
    }

    @Override
    public Optional<Live> findLive(byte[] secretHash, Duration idle) {
        return sql.optional(
                "SELECT s.id AS session_id, s.last_seen_at, " + JdbcUsers.COLUMNS
                        + " FROM session s JOIN app_user u ON u.id = s.user_id"
                        + " WHERE s.secret_hash = ? AND s.ended_at IS NULL AND s.expires_at > now()"
                        + " AND s.last_seen_at > now() - make_interval(secs => ?) AND u.disabled_at IS NULL",
                r -> new Live(r.getString("session_id"), JdbcUsers.user(r), Sql.instant(r, "last_seen_at")),
                secretHash,
                (double) idle.toSeconds());
    }

    @Override
    public void touch(String id, Instant lastSeen) {
        sql.update("UPDATE session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL", lastSeen, id);
    }

    @Override
    public boolean end(String id) {
        return sql.update("UPDATE session SET ended_at = now() WHERE id = ? AND ended_at IS NULL", id) == 1;
    }

    @Override
    public List<String> endAll(String userId) {
        return sql.list(
                "UPDATE session SET ended_at = now() WHERE user_id = ? AND ended_at IS NULL RETURNING id",
                r -> r.getString(1),
                userId);
    }
}
