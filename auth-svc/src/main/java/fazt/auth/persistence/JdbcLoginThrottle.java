package fazt.auth.persistence;

import fazt.auth.domain.LoginThrottle;
import jakarta.inject.Singleton;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Failed-login counters in {@code auth.login_throttle}, addresses of successful logins in
 * {@code auth.login_known_address}. Counting is one atomic upsert, so concurrent attempts on several auth instances
 * never lose a failure.
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
            jdbc.update("UPDATE login_throttle SET locked_until = now() + make_interval(secs => ?) WHERE key = ?",
                    (double) lockout.toSeconds(), key);
        }
    }

    @Override
    public void cleared(String key) {
        jdbc.update("DELETE FROM login_throttle WHERE key = ? AND (locked_until IS NULL OR locked_until <= now())", key);
    }

    @Override
    public boolean known(String account, String address, Duration within) {
        return !jdbc.query("SELECT 1 FROM login_known_address WHERE account = ? AND address = ?"
                + " AND last_success_at > now() - make_interval(secs => ?)", r -> 1, account, address,
                (double) within.toSeconds()).isEmpty();
    }

    @Override
    public void remember(String account, String address) {
        jdbc.update("""
                INSERT INTO login_known_address (account, address, last_success_at) VALUES (?, ?, now())
                ON CONFLICT (account, address) DO UPDATE SET last_success_at = now()""", account, address);
    }
}
