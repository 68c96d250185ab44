package fazt.auth.domain;

import java.time.Duration;

/**
 * Session lifetimes and login throttling. {@code sessionIdle}: a session unused this long ends;
 * {@code sessionAbsolute}: a session ends this long after login whatever its use. Failed logins within
 * {@code failureWindow} are counted three ways: {@code accountFailures} for one account from one client address lock
 * that account at that address, {@code ipFailures} from one address (any accounts) lock that address, each for
 * {@code lockout}; {@code accountGlobalFailures} for one account from all addresses slow that account down to one
 * attempt per {@code accountTrickle} for the rest of the window, except from addresses it logged in from within
 * {@code knownAddress}. So an attacker locks out only their own addresses and never the account's owner.
 */
public record AuthPolicy(
        Duration sessionIdle,
        Duration sessionAbsolute,
        int accountFailures,
        int ipFailures,
        int accountGlobalFailures,
        Duration failureWindow,
        Duration lockout,
        Duration accountTrickle,
        Duration knownAddress) {
    public static final AuthPolicy DEFAULT = new AuthPolicy(
            Duration.ofHours(2),
            Duration.ofDays(7),
            5,
            20,
            50,
            Duration.ofMinutes(15),
            Duration.ofMinutes(15),
            Duration.ofSeconds(10),
            Duration.ofDays(90));
    /** Shortest and longest password accepted. */
    public static final int MIN_PASSWORD = 10, MAX_PASSWORD = 256;

    static String checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new AuthException.InvalidInput(
                    "password", "The password needs " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
        }
        return password;
    }

    static String checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,63}")) {
            throw new AuthException.InvalidInput(
                    "username",
                    "The username needs 2 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit.");
        }
        return username;
    }

    static String checkEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new AuthException.InvalidInput("email", "\"email\" is not an email address.");
        }
        return email;
    }
}
