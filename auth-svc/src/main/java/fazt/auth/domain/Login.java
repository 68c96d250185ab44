package fazt.auth.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * Password login to a dashboard session, and logout. Whatever goes wrong (unknown user, wrong password, disabled
 * account, lockout of the account or of the client address) the caller learns one thing: {@link AuthException.LoginFailed}.
 * The password is always run through argon2 (against a dummy hash when there is no account) so timing does not tell
 * which of those it was.
 */
public final class Login {
    private final Users users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AuthEvents events;
    private final AuthPolicy policy;
    private final String dummyHash;

    public Login(Users users, Sessions sessions, LoginThrottle throttle, PasswordHasher hasher, AuthEvents events,
                 AuthPolicy policy) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.events = events;
        this.policy = policy;
        this.dummyHash = hasher.hash(Secret.generate());
    }

    /** A new session: its id, the secret for the cookie (shown only now), the user and when it ends at the latest. */
    public record Started(String sessionId, String secret, User user, Instant expiresAt) {}

    public Started login(String username, String password, String clientIp) {
        User user = authenticate(username, password, clientIp);
        String secret = fazt.proto.auth.AdminSession.SECRET_PREFIX + Secret.generate();
        String id = Secret.id("s_");
        Instant expiresAt = Instant.now().plus(policy.sessionAbsolute());
        sessions.create(id, user.id(), Secret.hash(secret), expiresAt, clientIp);
        return new Started(id, secret, user, expiresAt);
    }

    /** Checks a username and password (throttled like a login) without starting a session: for the CLI's token login. */
    public User authenticate(String username, String password, String clientIp) {
        String userKey = "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
        String ipKey = "ip:" + (clientIp == null ? "unknown" : clientIp);
        if (username == null || password == null || password.length() > AuthPolicy.MAX_PASSWORD
                || username.length() > 64) {
            throw new AuthException.LoginFailed();
        }
        boolean locked = throttle.locked(userKey) || throttle.locked(ipKey);
        Users.Credentials found = users.credentials(username).orElse(null);
        boolean matches = hasher.matches(password, found == null ? dummyHash : found.passwordHash());
        if (locked || found == null || !matches || !found.user().active()) {
            if (!locked) {
                throttle.failed(userKey, policy.accountFailures(), policy.failureWindow(), policy.lockout());
                throttle.failed(ipKey, policy.ipFailures(), policy.failureWindow(), policy.lockout());
            }
            throw new AuthException.LoginFailed();
        }
        throttle.cleared(userKey);
        return found.user();
    }

    /** Ends the session {@code sessionId} (the caller's own). */
    public void logout(String userId, String sessionId) {
        if (sessionId != null && sessionId.startsWith("s_") && sessions.end(sessionId)) {
            events.revoked(AuthEvents.Kind.SESSION_ENDED, userId, sessionId);
        }
    }

    /** Ends every session of a user (logout everywhere); tokens stay valid. */
    public int logoutEverywhere(String userId) {
        var ended = sessions.endAll(userId);
        ended.forEach(id -> events.revoked(AuthEvents.Kind.SESSION_ENDED, userId, id));
        return ended.size();
    }
}
