package fazt.auth.persistence;

import fazt.auth.domain.AuthException;
import fazt.auth.domain.SetupSecret;
import fazt.auth.domain.User;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The first-run setup secret's hash in {@code auth.setup_secret}; completing setup is one transaction. */
@Singleton
final class JdbcSetupSecret implements SetupSecret {
    private final Jdbc jdbc;

    JdbcSetupSecret(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean offer(byte[] secretHash) {
        return jdbc.update("""
                INSERT INTO setup_secret AS s (id, secret_hash, created_at) VALUES (1, ?, now())
                ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = now()
                WHERE s.created_at < now() - interval '1 minute'""", secretHash) == 1;
    }

    @Override
    public boolean pending(byte[] secretHash) {
        return !jdbc.query("SELECT 1 FROM setup_secret WHERE id = 1 AND secret_hash = ?", r -> 1, secretHash).isEmpty();
    }

    @Override
    public void complete(byte[] secretHash, User admin, String passwordHash) {
        try (Connection c = jdbc.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                // Deleting the row locks it: of two concurrent completions, only one finds it.
                try (PreparedStatement s = Jdbc.prepare(c, "DELETE FROM setup_secret WHERE id = 1 AND secret_hash = ?", secretHash)) {
                    if (s.executeUpdate() != 1) {
                        throw new AuthException.SetupUnavailable();
                    }
                }
                try (PreparedStatement s = Jdbc.prepare(c,
                        "SELECT 1 FROM app_user WHERE role = 'admin' AND disabled_at IS NULL"); ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        throw new AuthException.SetupUnavailable();
                    }
                }
                try (PreparedStatement s = Jdbc.prepare(c, "INSERT INTO app_user (id, username, email, password_hash, role,"
                        + " created_at) VALUES (?, ?, ?, ?, 'admin', ?)", admin.id(), admin.username(), admin.email(),
                        passwordHash, admin.createdAt())) {
                    s.executeUpdate();
                }
                c.commit();
            } catch (AuthException e) {
                c.rollback();
                throw e;
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    throw new AuthException.Conflict("username", "The username " + admin.username() + " is taken.");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot complete the setup", e);
        }
    }
}
