package fazt.auth.persistence;

import fazt.auth.domain.Settings;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Auth settings in {@code auth.setting}, one row per key. */
@Singleton
final class JdbcSettings implements Settings {
    private final Sql sql;

    JdbcSettings(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<String> get(String key) {
        return sql.optional("SELECT value FROM setting WHERE key = ?", r -> r.getString(1), key);
    }

    @Override
    public void put(String key, String value) {
        sql.update(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key,
                value);
    }
}
