package fazt.auth.domain;

import java.util.List;
import java.util.Optional;

/** Port: the accounts table. */
public interface Users {
    /** Stores a new user; {@link AuthException.Conflict} when the username (case-insensitive) is taken. */
    void create(User user, String passwordHash);

    Optional<User> byId(String id);

    Optional<User> byUsername(String username);

    /** The stored password hash of an active user, with the user. */
    Optional<Credentials> credentials(String username);

    List<User> list();

    /** Sets or clears {@code disabled_at}; false when there is no such user. */
    boolean setDisabled(String id, boolean disabled);

    boolean delete(String id);

    /** Number of admins that are not disabled. */
    int activeAdmins();

    /** A user and their password hash. */
    record Credentials(User user, String passwordHash) {}
}
