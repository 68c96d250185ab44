package fazt.auth.domain;

import java.time.Duration;

/**
 * Port: failed-login counters with temporary lockout, and the addresses each account logged in from, kept in
 * PostgreSQL so that every auth instance agrees. Keys are {@code ip:<address>}, {@code user:<lower-case username>}
 * and {@code user-ip:<lower-case username> <address>} for logins, {@code app-login:<address>} for app logins.
 */
public interface LoginThrottle {
    boolean locked(String key);

    /**
     * Counts a failure in the current window; at {@code limit} failures, and at every further one in the same window,
     * the key is locked for {@code lockout}. With a lockout as long as the window that is one lock until the window
     * ends; with a shorter one, a trickle of one attempt per lockout.
     */
    void failed(String key, int limit, Duration window, Duration lockout);

    /** Forgets the failures of a key after a successful login (not while it is locked). */
    void cleared(String key);

    /** Whether {@code account} logged in successfully from {@code address} within {@code within}. */
    boolean known(String account, String address, Duration within);

    /** Records a successful login of {@code account} from {@code address}. */
    void remember(String account, String address);
}
