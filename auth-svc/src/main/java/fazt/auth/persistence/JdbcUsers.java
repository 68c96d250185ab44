package fazt.auth.persistence;

import fazt.auth.domain.AuthException;
import fazt.auth.domain.Role;
import fazt.auth.domain.User;
import fazt.auth.domain.Users;
import fazt.platform.service.db.DataAccessException;
import fazt.platform.service.db.Sql;
import fazt.platform.service.db.SqlState;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Accounts in {@code auth.app_user}; usernames are unique case-insensitively. */
@Singleton
final class JdbcUsers implements Users {
    static final String COLUMNS = "u.id, u.username, u.email, u.role, u.created_at, u.disabled_at";
    private final Sql sql;

    JdbcUsers(Sql sql) {
        this.sql = sql;
    }

    static User user(ResultSet r) throws SQLException {
        return new User(
                r.getString("id"),
                r.getString("username"),
                r.getString("email"),
                Role.valueOf(r.getString("role").toUpperCase(Locale.ROOT)),
                Sql.instant(r, "created_at"),
                Sql.instant(r, "disabled_at"));
    }

    @Override
    public void create(User user, String passwordHash) {
        try {
            sql.update(
                    "INSERT INTO app_user (id, username, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    user.id(),
                    user.username(),
                    user.email(),
                    passwordHash,
                    user.role().id(),
                    user.createdAt());
        } catch (DataAccessException e) {
            if (e.is(SqlState.UNIQUE_VIOLATION)) {
                throw new AuthException.Conflict("username", "The username " + user.username() + " is taken.");
            }
            throw e;
        }
    }

    @Override
    public Optional<User> byId(String id) {
        return sql.optional("SELECT " + COLUMNS + " FROM app_user u WHERE u.id = ?", JdbcUsers::user, id);
    }

    @Override
    public Optional<User> byUsername(String username) {
        return sql.optional(
                "SELECT " + COLUMNS + " FROM app_user u WHERE lower(u.username) = lower(?)", JdbcUsers::user, username);
    }

    @Override
    public Optional<Credentials> credentials(String username) {
        return sql.optional(
                "SELECT " + COLUMNS + ", u.password_hash FROM app_user u WHERE lower(u.username) = lower(?)",
                r -> new Credentials(user(r), r.getString("password_hash")),
                username);
    }

    @Override
    public List<User> list() {
        return sql.list("SELECT " + COLUMNS + " FROM app_user u ORDER BY lower(u.username)", JdbcUsers::user);
    }

    @Override
    public boolean setDisabled(String id, boolean disabled) {
        return sql.update(
                        disabled
                                ? "UPDATE app_user SET disabled_at = now() WHERE id = ? AND disabled_at IS NULL"
                                : "UPDATE app_user SET disabled_at = NULL WHERE id = ?",
                        id)
                == 1;
    }

    @Override
    public boolean delete(String id) {
        return sql.update("DELETE FROM app_user WHERE id = ?", id) == 1;
    }

    @Override
    public int activeAdmins() {
        return sql.one("SELECT count(*) FROM app_user WHERE role = 'admin' AND disabled_at IS NULL", r -> r.getInt(1));
    }
}
