package fazt.scheduler.persistence;

import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.platform.service.db.DataAccessException;
import fazt.platform.service.db.Sql;
import fazt.platform.service.db.SqlState;
import fazt.scheduler.domain.Hook;
import fazt.scheduler.domain.Hooks;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link Hooks} in PostgreSQL; secrets are stored only sealed. */
@Singleton
final class JdbcHooks implements Hooks {
    private static final String COLUMNS =
            "hook_id, app_id, name, signature, secret_version, secret_nonce, secret, created_at";
    private final Sql db;

    JdbcHooks(Sql db) {
        this.db = db;
    }

    @Override
    public boolean create(Hook hook) {
        MasterKeyCipher.Sealed secret = hook.secret();
        try {
            db.update(
                    "INSERT INTO hook (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    hook.hookId(),
                    hook.appId(),
                    hook.name(),
                    hook.signature(),
                    secret == null ? null : secret.keyVersion(),
                    secret == null ? null : secret.nonce(),
                    secret == null ? null : secret.ciphertext(),
                    hook.createdAt());
            return true;
        } catch (DataAccessException e) {
            if (e.is(SqlState.UNIQUE_VIOLATION)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Hook> find(String hookId) {
        return db.optional("SELECT " + COLUMNS + " FROM hook WHERE hook_id = ?", JdbcHooks::hook, hookId);
    }

    @Override
    public List<Hook> of(String appId) {
        return db.list("SELECT " + COLUMNS + " FROM hook WHERE app_id = ? ORDER BY name", JdbcHooks::hook, appId);
    }

    @Override
    public boolean delete(String appId, String nameOrId) {
        return db.update("DELETE FROM hook WHERE app_id = ? AND (name = ? OR hook_id = ?)", appId, nameOrId, nameOrId)
                > 0;
    }

    private static Hook hook(ResultSet r) throws SQLException {
        int version = r.getInt(5);
        MasterKeyCipher.Sealed secret =
                r.wasNull() ? null : new MasterKeyCipher.Sealed(version, r.getBytes(6), r.getBytes(7));
        return new Hook(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                secret,
                r.getTimestamp(8).toInstant());
    }
}
