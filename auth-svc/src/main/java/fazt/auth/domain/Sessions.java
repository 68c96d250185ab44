package fazt.auth.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: dashboard sessions, stored by the hash of their secret. */
public interface Sessions {
    void create(String id, String userId, byte[] secretHash, Instant expiresAt, String clientIp);

    /**
     * The live session with this secret hash and its (active) user: not ended, not past its absolute expiry, seen
     * within {@code idle}.
     */
    Optional<Live> findLive(byte[] secretHash, Duration idle);

    /** Records activity, at most once a minute (the idle clock has minute precision, writes stay rare). */
    void touch(String id, Instant lastSeen);

    /** Ends one session of a user; false when it was not live. */
    boolean end(String id);

    /** Ends every live session of a user; returns their ids. */
    List<String> endAll(String userId);

    record Live(String id, User user, Instant lastSeenAt) {}
}
