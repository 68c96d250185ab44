package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import fazt.storage.domain.AppId;
import fazt.storage.domain.kv.Entry;
import fazt.storage.domain.kv.EntryKey;
import fazt.storage.domain.kv.KeyPage;
import fazt.storage.domain.kv.KvStore;
import fazt.storage.domain.kv.ValueKind;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** {@link KvStore} in table {@code kv_entry}; "live" is judged by the database clock in every statement. */
@Singleton
final class JdbcKvStore implements KvStore {
    private static final String LIVE = "(expires_at IS NULL OR expires_at > now())";

    private final Sql sql;

    JdbcKvStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Entry get(AppId app, EntryKey key) {
        return sql.optional(
                        "SELECT kind, value, expires_at FROM kv_entry WHERE app_id = ? AND key = ? AND " + LIVE,
                        r -> new Entry(ValueKind.of(r.getString(1)), r.getBytes(2), instant(r, 3)),
                        app.value(),
                        key.value())
                .orElse(null);
    }

    @Override
    public Instant put(AppId app, EntryKey key, ValueKind kind, byte[] value, Long ttlSeconds) {
        return sql.one("""
                INSERT INTO kv_entry AS e (app_id, key, kind, value, expires_at)
                VALUES (?, ?, ?, ?, now() + ?::bigint * interval '1 second')
                ON CONFLICT (app_id, key) DO UPDATE
                SET kind = excluded.kind, value = excluded.value, expires_at = excluded.expires_at,
                    updated_at = now()
                RETURNING expires_at""", r -> instant(r, 1), app.value(), key.value(), kind.token(), value, ttlSeconds);
    }

    @Override
    public boolean delete(AppId app, EntryKey key) {
        return sql.optional(
                        "DELETE FROM kv_entry WHERE app_id = ? AND key = ? RETURNING " + LIVE,
                        r -> r.getBoolean(1),
                        app.value(),
                        key.value())
                .orElse(false);
    }

    @Override
    public List<KeyPage.Key> list(AppId app, String prefix, String after, int limit) {
        // LIKE with a constant prefix on a "C" column is a range scan of the primary key; the prefix's own
        // wildcards are escaped, so it matches literally. Every key sorts after '', which means "from the start".
        return sql.list(
                """
                SELECT key, expires_at FROM kv_entry
                WHERE app_id = ? AND key > ? AND key LIKE ? ESCAPE '\\'
                  AND (expires_at IS NULL OR expires_at > now())
                ORDER BY key LIMIT ?""",
                r -> new KeyPage.Key(new EntryKey(r.getString(1)), instant(r, 2)),
                app.value(),
                after == null ? "" : after,
                prefix == null ? "%" : likePrefix(prefix),
                limit);
    }

    @Override
    public long purge(AppId app) {
        return sql.update("DELETE FROM kv_entry WHERE app_id = ?", app.value());
    }

    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime at = r.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
