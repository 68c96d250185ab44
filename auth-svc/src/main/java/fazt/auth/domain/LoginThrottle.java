package fazt.auth.domain;

import java.time.Duration;

/**
 * Port: failed-login counters with temporary lockout, kept in PostgreSQL so that every auth instance agrees. Keys are
 * {@code ip:<address>} and {@code user:<lower-case username>}.
 */
public interface LoginThrottle {
    boolean locked(String key);

    /** Counts a failure in the current window; at {@code limit} failures the key is locked for {@code lockout}. */
    void failed(String key, int limit, Duration window, Duration lockout);

    /** Forgets the failures of a key after a successful login. */
    void cleared(String key);
}
