package fazt.auth.persistence;

import fazt.auth.domain.AuthException;
import fazt.auth.domain.SetupSecret;
import fazt.auth.domain.User;
import fazt.platform.service.db.Sql;
import fazt.platform.service.db.SqlState;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The first-run setup secret's hash in {@code auth.setup_secret}; completing setup is one transaction. */
@Singleton
public final class JdbcSetupSecret implements SetupSecret {
    private final Sql sql;

    public JdbcSetupSecret(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean offer(byte[] secretHash) {
        return sql.update("""
                INSERT INTO setup_secret AS s (id, secret_hash, created_at) VALUES (1, ?, now())
                ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = now()
                WHERE s.created_at < now() - interval '1 minute'""", secretHash) == 1;
    }

    @Override
    public boolean pending(byte[] secretHash) {
        return !sql.list("SELECT 1 FROM setup_secret WHERE id = 1 AND secret_hash = ?", r -> 1, secretHash)
                .isEmpty();
    }

    @Override
    public void complete(byte[] secretHash, User admin, String passwordHash) {
        sql.inTransaction(c -> {
            // Deleting the row locks it: of two concurrent completions, only one finds it.
            try (PreparedStatement s =
                    Sql.prepare(c, "DELETE FROM setup_secret WHERE id = 1 AND secret_hash = ?", secretHash)) {
                if (s.executeUpdate() != 1) {
                    throw new AuthException.SetupUnavailable();
                }
            }
            try (PreparedStatement s =
                            Sql.prepare(c, "SELECT 1 FROM app_user WHERE role = 'admin' AND disabled_at IS NULL");
                    ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    throw new AuthException.SetupUnavailable();
                }
            }
            try (PreparedStatement s = Sql.prepare(
                    c,
                    "INSERT INTO app_user (id, username, email, password_hash, role,"
                            + " created_at) VALUES (?, ?, ?, ?, 'admin', ?)",
                    admin.id(),
                    admin.username(),
                    admin.email(),
                    passwordHash,
                    admin.createdAt())) {
                s.executeUpdate();
            } catch (SQLException e) {
                if (SqlState.UNIQUE_VIOLATION.is(e)) {
                    throw new AuthException.Conflict("username", "The username " + admin.username() + " is taken.");
                }
                throw e;
            }
            return null;
        });
    }
}
