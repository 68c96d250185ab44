package fazt.auth.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The first run: while no active admin exists, a one-time setup link lets the owner choose the first admin's
 * username, password and email. Each start without an admin issues a new link (the old one stops working), shown
 * once in the log; using it consumes it.
 */
public final class FirstRun {
    /** Path of the setup page on the admin host; the secret follows. */
    public static final String SETUP_PATH = "/_fazt/setup/";

    private final Users users;
    private final SetupSecret setup;
    private final HashingPool hashing;

    public FirstRun(Users users, SetupSecret setup, HashingPool hashing) {
        this.users = users;
        this.setup = setup;
        this.hashing = hashing;
    }

    /** The setup link to show, when there is no admin yet and this instance issued it. */
    public Optional<String> setupLink(String adminOrigin) {
        if (users.activeAdmins() > 0) {
            return Optional.empty();
        }
        String secret = Secret.generate();
        return setup.offer(Secret.hash(secret)) ? Optional.of(adminOrigin + SETUP_PATH + secret) : Optional.empty();
    }

    /**
     * Creates the first admin with the setup secret; the secret is used up. A wrong or used secret, or an existing
     * admin, is refused before the password is hashed, so guessing links costs no argon2 run.
     */
    public User complete(String secret, String username, String password, String email) {
        if (secret == null
                || secret.length() != Secret.LENGTH
                || !setup.pending(Secret.hash(secret))
                || users.activeAdmins() > 0) {
            throw new AuthException.SetupUnavailable();
        }
        User admin = new User(
                Secret.id("u_"),
                AuthPolicy.checkUsername(username),
                AuthPolicy.checkEmail(email),
                Role.ADMIN,
                Instant.now(),
                null);
        setup.complete(Secret.hash(secret), admin, hashing.hash(AuthPolicy.checkPassword(password)));
        return admin;
    }
}
