package fazt.auth.persistence;

import fazt.auth.domain.Settings;
import jakarta.inject.Singleton;
import java.util.Optional;
import javax.sql.DataSource;

/** Auth settings in {@code auth.setting}, one row per key. */
@Singleton
final class JdbcSettings implements Settings {
    private final Jdbc jdbc;

    JdbcSettings(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Optional<String> get(String key) {
        return jdbc.query("SELECT value FROM setting WHERE key = ?", r -> r.getString(1), key).stream().findFirst();
    }

    @Override
    public void put(String key, String value) {
        jdbc.update("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value);
    }
}
