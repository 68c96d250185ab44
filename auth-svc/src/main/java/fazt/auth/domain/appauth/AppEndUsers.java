package fazt.auth.domain.appauth;

import fazt.proto.auth.AppUser;
import java.time.Instant;
import java.util.Optional;

/** Port: the people logged in to apps (never admin users) and their sessions, each bound to one app id. */
public interface AppEndUsers {
    /** Creates or updates the user {@code identity} of {@code provider} on app {@code appId}; returns it. */
    AppUser upsert(String appId, String provider, Identity identity);

    void createSession(String id, String userId, String appId, byte[] secretHash, Instant expiresAt);

    /** The user of the live session with this secret hash, only if it belongs to {@code appId}. */
    Optional<AppUser> findSession(String appId, byte[] secretHash);

    /** Ends the session with this secret hash on {@code appId}; false when there was none live. */
    boolean endSession(String appId, byte[] secretHash);

    /** Drops every user, session and login in progress of a deleted app; returns the users dropped. */
    int forgetApp(String appId);
}
