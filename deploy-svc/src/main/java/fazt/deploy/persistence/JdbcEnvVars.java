package fazt.deploy.persistence;

import fazt.deploy.domain.AppId;
import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.EnvCipher;
import fazt.deploy.domain.EnvName;
import fazt.deploy.domain.EnvVars;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/** {@link EnvVars} in deploy-svc's {@code app_env} table; only sealed values ever reach it. */
@Singleton
final class JdbcEnvVars implements EnvVars {
    private final Sql db;

    JdbcEnvVars(Sql db) {
        this.db = db;
    }

    @Override
    public List<Stored> list(AppId app) {
        return db.list(
                "SELECT name, secret, key_version, nonce, ciphertext, updated_at"
                        + " FROM app_env WHERE app_id = ? ORDER BY name",
                r -> new Stored(
                        r.getString(1),
                        r.getBoolean(2),
                        new EnvCipher.Sealed(r.getInt(3), r.getBytes(4), r.getBytes(5)),
                        r.getTimestamp(6).toInstant()),
                app.value());
    }

    @Override
    public boolean put(AppId app, EnvName name, EnvCipher.Sealed value, boolean secret, int maxVars) {
        return db.inTransaction(c -> {
            // The app row lock serialises changes to one app's vars, so the count below cannot race past the limit.
            try (PreparedStatement s =
                    c.prepareStatement("SELECT (SELECT count(*) FROM app_env e WHERE e.app_id = a.app_id),"
                            + " EXISTS (SELECT 1 FROM app_env e WHERE e.app_id = a.app_id AND e.name = ?)"
                            + " FROM app a WHERE a.app_id = ? AND a.deleted_at IS NULL FOR UPDATE")) {
                s.setString(1, name.value());
                s.setString(2, app.value());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new DeployException.AppNotFound(app.value());
                    }
                    if (!r.getBoolean(2) && r.getInt(1) >= maxVars) {
                        throw new DeployException.EnvRejected(
                                "key",
                                "The app already has " + maxVars + " env vars, the most allowed; unset one first.");
                    }
                }
            }
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO app_env (app_id, name, secret, key_version, nonce,"
                            + " ciphertext) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, name) DO UPDATE SET secret = excluded.secret,"
                            + " key_version = excluded.key_version, nonce = excluded.nonce, ciphertext = excluded.ciphertext,"
                            + " updated_at = now() RETURNING (xmax = 0)")) {
                s.setString(1, app.value());
                s.setString(2, name.value());
                s.setBoolean(3, secret);
                s.setInt(4, value.keyVersion());
                s.setBytes(5, value.nonce());
                s.setBytes(6, value.ciphertext());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            }
        });
    }

    @Override
    public boolean delete(AppId app, EnvName name) {
        return db.update("DELETE FROM app_env WHERE app_id = ? AND name = ?", app.value(), name.value()) == 1;
    }

    @Override
    public boolean appExists(AppId app) {
        return db.optional("SELECT 1 FROM app WHERE app_id = ? AND deleted_at IS NULL", r -> true, app.value())
                .isPresent();
    }
}
