package fazt.scheduler.persistence;

import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.platform.service.db.Sql;
import fazt.platform.service.db.SqlState;
import fazt.scheduler.domain.Hook;
import fazt.scheduler.domain.Hooks;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Hooks} in PostgreSQL; secrets are stored only sealed. */
@Singleton
final class JdbcHooks implements Hooks {
    private static final String COLUMNS = "hook_id, app_id, name, signature, secret_version, secret_nonce, secret, created_at";
    private final Sql db;

    JdbcHooks(Sql db) {
        this.db = db;
    }

    @Override
    public boolean create(Hook hook) {
        return db.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO hook (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, hook.hookId());
                s.setString(2, hook.appId());
                s.setString(3, hook.name());
                s.setString(4, hook.signature());
                if (hook.secret() == null) {
                    s.setNull(5, Types.INTEGER);
                } else {
                    s.setInt(5, hook.secret().keyVersion());
                }
                s.setBytes(6, hook.secret() == null ? null : hook.secret().nonce());
                s.setBytes(7, hook.secret() == null ? null : hook.secret().ciphertext());
                s.setTimestamp(8, Timestamp.from(hook.createdAt()));
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (SqlState.UNIQUE_VIOLATION.is(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Hook> find(String hookId) {
        return db.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM hook WHERE hook_id = ?")) {
                s.setString(1, hookId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(hook(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Hook> of(String appId) {
        return db.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM hook WHERE app_id = ? ORDER BY name")) {
                s.setString(1, appId);
                try (ResultSet r = s.executeQuery()) {
                    List<Hook> all = new ArrayList<>();
                    while (r.next()) {
                        all.add(hook(r));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public boolean delete(String appId, String nameOrId) {
        return db.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM hook WHERE app_id = ? AND (name = ? OR hook_id = ?)")) {
                s.setString(1, appId);
                s.setString(2, nameOrId);
                s.setString(3, nameOrId);
                return s.executeUpdate() > 0;
            }
        });
    }

    private static Hook hook(ResultSet r) throws SQLException {
        int version = r.getInt(5);
        MasterKeyCipher.Sealed secret = r.wasNull() ? null : new MasterKeyCipher.Sealed(version, r.getBytes(6), r.getBytes(7));
        return new Hook(r.getString(1), r.getString(2), r.getString(3), r.getString(4), secret,
                r.getTimestamp(8).toInstant());
    }
}
