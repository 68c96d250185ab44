package fazt.auth.persistence;

import fazt.auth.domain.LoginThrottle;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Failed-login counters in {@code auth.login_throttle}, addresses of successful logins in
 * {@code auth.login_known_address}. Counting is one atomic upsert, so concurrent attempts on several auth instances
 * never lose a failure.
 */
@Singleton
final class JdbcLoginThrottle implements LoginThrottle {
    private final Sql sql;

    JdbcLoginThrottle(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean locked(String key) {
        return !sql.list("SELECT 1 FROM login_throttle WHERE key = ? AND locked_until > now()", r -> 1, key)
                .isEmpty();
    }

    @Override
    public void failed(String key, int limit, Duration window, Duration lockout) {
        int failures = sql.one("""
                INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES (?, 1, now())
                ON CONFLICT (key) DO UPDATE SET
                  failures = CASE WHEN t.window_started_at < now() - make_interval(secs => ?) THEN 1 ELSE t.failures + 1 END,
                  window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => ?) THEN now()
                                           ELSE t.window_started_at END
                RETURNING failures""", r -> r.getInt(1), key, (double) window.toSeconds(), (double) window.toSeconds());
        if (failures >= limit) {
            sql.update(
                    "UPDATE login_throttle SET locked_until = now() + make_interval(secs => ?) WHERE key = ?",
                    (double) lockout.toSeconds(),
                    key);
        }
    }

    @Override
    public void cleared(String key) {
        sql.update("DELETE FROM login_throttle WHERE key = ? AND (locked_until IS NULL OR locked_until <= now())", key);
    }

    @Override
    public boolean known(String account, String address, Duration within) {
        return !sql.list(
                        "SELECT 1 FROM login_known_address WHERE account = ? AND address = ?"
                                + " AND last_success_at > now() - make_interval(secs => ?)",
                        r -> 1,
                        account,
                        address,
                        (double) within.toSeconds())
                .isEmpty();
    }

    @Override
    public void remember(String account, String address) {
        sql.update("""
                INSERT INTO login_known_address (account, address, last_success_at) VALUES (?, ?, now())
                ON CONFLICT (account, address) DO UPDATE SET last_success_at = now()""", account, address);
    }
}
