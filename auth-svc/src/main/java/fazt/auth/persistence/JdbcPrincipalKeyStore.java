package fazt.auth.persistence;

import fazt.auth.domain.PrincipalSigner;
import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps the principal signing keys in {@code auth.principal_signing_key} (at most one current). */
@Singleton
final class JdbcPrincipalKeyStore implements PrincipalSigner.Store {
    private static final String COLUMNS =
            "key_id, public_key, key_version, key_nonce, key_sealed, created_at, retired_at FROM principal_signing_key";

    private final Sql sql;

    JdbcPrincipalKeyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<PrincipalSigner.StoredKey> current() {
        return sql.optional("SELECT " + COLUMNS + " WHERE retired_at IS NULL", JdbcPrincipalKeyStore::key);
    }

    @Override
    public List<PrincipalSigner.StoredKey> publishable(Instant retiredAfter) {
        return sql.list(
                "SELECT " + COLUMNS + " WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at DESC",
                JdbcPrincipalKeyStore::key,
                retiredAfter);
    }

    @Override
    public void insertIfNoCurrent(PrincipalSigner.StoredKey key) {
        // Several auth instances may start at once: the unique index on the current key lets one insert win.
        sql.update(
                "INSERT INTO principal_signing_key (key_id, public_key, key_version, key_nonce, key_sealed, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                key.keyId(),
                key.publicKey(),
                key.sealed().keyVersion(),
                key.sealed().nonce(),
                key.sealed().ciphertext(),
                key.createdAt());
    }

    @Override
    public void rotate(String current, PrincipalSigner.StoredKey next, Instant at) {
        sql.inTransaction(c -> {
            try (var retire = Sql.prepare(
                    c,
                    "UPDATE principal_signing_key SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL",
                    at,
                    current)) {
                retire.executeUpdate();
            }
            try (var insert = Sql.prepare(
                    c,
                    "INSERT INTO principal_signing_key (key_id, public_key, key_version, key_nonce, key_sealed,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    next.keyId(),
                    next.publicKey(),
                    next.sealed().keyVersion(),
                    next.sealed().nonce(),
                    next.sealed().ciphertext(),
                    next.createdAt())) {
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deleteRetiredBefore(Instant before) {
        sql.update("DELETE FROM principal_signing_key WHERE retired_at < ?", before);
    }

    private static PrincipalSigner.StoredKey key(ResultSet r) throws SQLException {
        return new PrincipalSigner.StoredKey(
                r.getString(1),
                r.getString(2),
                new MasterKeyCipher.Sealed(r.getInt(3), r.getBytes(4), r.getBytes(5)),
                Sql.instant(r, "created_at"),
                Sql.instant(r, "retired_at"));
    }
}
