package fazt.auth.persistence;

import fazt.auth.domain.LoginThrottle;
import jakarta.inject.Singleton;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Failed-login counters in {@code auth.login_throttle}. Counting is one atomic upsert, so concurrent attempts on
 * several auth instances never lose a failure.
 */
@Singleton
final class JdbcLoginThrottle implements LoginThrottle {
    private final Jdbc jdbc;

    JdbcLoginThrottle(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean locked(String key) {
        return !jdbc.query("SELECT 1 FROM login_throttle WHERE key = ? AND locked_until > now()", r -> 1, key).isEmpty();
    }

    @Override
    public void failed(String key, int limit, Duration window, Duration lockout) {
        int failures = jdbc.query("""
                INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES (?, 1, now())
                ON CONFLICT (key) DO UPDATE SET
                  failures = CASE WHEN t.window_started_at < now() - make_interval(secs => ?) THEN 1 ELSE t.failures + 1 END,
                  window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => ?) THEN now()
                                           ELSE t.window_started_at END
                RETURNING failures""", r -> r.getInt(1), key, (double) window.toSeconds(), (double) window.toSeconds())
                .getFirst();
        if (failures >= limit) {
            jdbc.update("UPDATE login_throttle SET locked_until = now() + make_interval(secs => ?), failures = 0,"
                    + " window_started_at = now() WHERE key = ?", (double) lockout.toSeconds(), key);
        }
    }

    @Override
    public void cleared(String key) {
        jdbc.update("DELETE FROM login_throttle WHERE key = ? AND (locked_until IS NULL OR locked_until <= now())", key);
    }
}
