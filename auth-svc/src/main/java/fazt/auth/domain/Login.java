package fazt.auth.domain;

import fazt.proto.auth.AdminSession;
import java.time.Instant;
import java.util.Locale;

/**
 * Password login to a dashboard session, and logout. Whatever goes wrong (unknown user, wrong password, disabled
 * account, lockout of the account or of the client address) the caller learns one thing: {@link AuthException.LoginFailed}.
 * A locked attempt is refused before any hashing (it costs a query, not an argon2 run); every other attempt runs the
 * password through argon2 in the {@link HashingPool} (against a dummy hash when there is no account), so timing does
 * not tell an unknown user from a wrong password. Failures lock the account at the attacker's address and the
 * attacker's address, and beyond {@link AuthPolicy#accountGlobalFailures()} slow the account down everywhere except at
 * addresses it logged in from: the owner is never locked out by someone else's failures.
 */
public final class Login {
    private final Users users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final HashingPool hashing;
    private final AuthEvents events;
    private final AuthPolicy policy;
    private final String dummyHash;

    public Login(
            Users users,
            Sessions sessions,
            LoginThrottle throttle,
            HashingPool hashing,
            AuthEvents events,
            AuthPolicy policy) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hashing = hashing;
        this.events = events;
        this.policy = policy;
        this.dummyHash = hashing.unmatchable();
    }

    /** A new session: its id, the secret for the cookie (shown only now), the user and when it ends at the latest. */
    public record Started(String sessionId, String secret, User user, Instant expiresAt) {}

    public Started login(String username, String password, String clientIp) {
        User user = authenticate(username, password, clientIp);
        String secret = AdminSession.SECRET_PREFIX + Secret.generate();
        String id = Secret.id("s_");
        Instant expiresAt = Instant.now().plus(policy.sessionAbsolute());
        sessions.create(id, user.id(), Secret.hash(secret), expiresAt, clientIp);
        return new Started(id, secret, user, expiresAt);
    }

    /** Checks a username and password (throttled like a login) without starting a session: for the CLI's token login. */
    public User authenticate(String username, String password, String clientIp) {
        if (username == null
                || password == null
                || password.length() > AuthPolicy.MAX_PASSWORD
                || username.length() > 64) {
            throw new AuthException.LoginFailed();
        }
        String account = username.toLowerCase(Locale.ROOT);
        String address = clientIp == null || clientIp.isBlank() ? "unknown" : clientIp;
        String pairKey = "user-ip:" + account + " " + address;
        String ipKey = "ip:" + address;
        String accountKey = "user:" + account;
        if (throttle.locked(pairKey)
                || throttle.locked(ipKey)
                || throttle.locked(accountKey) && !throttle.known(account, address, policy.knownAddress())) {
            throw new AuthException.LoginFailed();
        }
        Users.Credentials found = users.credentials(username).orElse(null);
        boolean matches = hashing.matches(password, found == null ? dummyHash : found.passwordHash());
        if (found == null || !matches || !found.user().active()) {
            throttle.failed(pairKey, policy.accountFailures(), policy.failureWindow(), policy.lockout());
            throttle.failed(ipKey, policy.ipFailures(), policy.failureWindow(), policy.lockout());
            throttle.failed(
                    accountKey, policy.accountGlobalFailures(), policy.failureWindow(), policy.accountTrickle());
            throw new AuthException.LoginFailed();
        }
        throttle.cleared(pairKey);
        throttle.remember(account, address);
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
