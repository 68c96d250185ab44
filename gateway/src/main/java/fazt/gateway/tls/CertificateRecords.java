package fazt.gateway.tls;

import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.platform.service.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gateway schema's {@code certificate} and {@code acme_account} rows (ADR 28), through {@link Sql} (ADR 24).
 * Private keys are sealed under the master key with the name (or the CA directory) as associated data, so a sealed
 * key copied to another row does not open. Keys are never logged.
 */
final class CertificateRecords {
    static final String KEY_INFO = "fazt/gateway/certificate-key/v1";
    static final String ACCOUNT_INFO = "fazt/gateway/acme-account/v1";

    /** A row's state as shown to operators. */
    record Status(
            String name,
            String source,
            String state,
            Instant notAfter,
            String issuer,
            String lastError,
            int attempts,
            Instant nextAttempt,
            Instant renewAfter,
            String renewSource,
            Instant ariCheckedAt) {}

    /** A stored certificate with its opened key. */
    record Stored(String name, String source, List<X509Certificate> chain, PrivateKey key) {}

    private final Sql db;
    private final MasterKeyCipher keys;
    private final MasterKeyCipher accounts;

    CertificateRecords(Sql db, String masterKey) {
        this.db = db;
        this.keys = new MasterKeyCipher(masterKey, KEY_INFO);
        this.accounts = new MasterKeyCipher(masterKey, ACCOUNT_INFO);
    }

    /** Every issued certificate, opened. */
    List<Stored> issued() {
        return db.list(
                "SELECT name, source, chain_pem, key_version, key_nonce, key_sealed FROM certificate "
                        + "WHERE chain_pem IS NOT NULL",
                r -> open(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        new MasterKeyCipher.Sealed(r.getInt(4), r.getBytes(5), r.getBytes(6))));
    }

    Optional<Stored> issued(String name) {
        return db.optional(
                "SELECT name, source, chain_pem, key_version, key_nonce, key_sealed FROM certificate "
                        + "WHERE name = ? AND chain_pem IS NOT NULL",
                r -> open(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        new MasterKeyCipher.Sealed(r.getInt(4), r.getBytes(5), r.getBytes(6))),
                name);
    }

    private Stored open(String name, String source, String chainPem, MasterKeyCipher.Sealed sealed) {
        PrivateKey key = Pem.parseKey(new String(keys.open(aad(name), sealed), StandardCharsets.US_ASCII));
        return new Stored(name, source, Pem.parseChain(chainPem), key);
    }

    /**
     * Claims the right to order for {@code name} until {@code until}, for {@code holder}: true when no other gateway
     * holds a live claim and no issued certificate is newer than {@code staleBefore} (null: any issued one counts
     * as current only for an on-demand order). Creates the row on first use.
     */
    boolean claim(String name, String holder, Instant now, Instant until) {
        return db.update(
                        "INSERT INTO certificate (name, source, state, lease_holder, lease_until, updated_at) "
                                + "VALUES (?, 'acme', 'ordering', ?, ?, ?) ON CONFLICT (name) DO UPDATE SET state = 'ordering', "
                                + "lease_holder = EXCLUDED.lease_holder, lease_until = EXCLUDED.lease_until, updated_at = EXCLUDED.updated_at "
                                + "WHERE certificate.source = 'acme' AND (certificate.lease_until IS NULL OR certificate.lease_until < ?)",
                        name,
                        holder,
                        until,
                        now,
                        now)
                == 1;
    }

    void storeIssued(String name, String source, List<X509Certificate> chain, PrivateKey key, Instant now) {
        MasterKeyCipher.Sealed sealed = keys.seal(aad(name), Pem.key(key).getBytes(StandardCharsets.US_ASCII));
        X509Certificate leaf = chain.getFirst();
        db.update(
                "INSERT INTO certificate (name, source, state, chain_pem, key_version, key_nonce, key_sealed, "
                        + "not_before, not_after, issuer, last_error, attempts, next_attempt, lease_holder, lease_until, "
                        + "updated_at) VALUES (?, ?, 'issued', ?, ?, ?, ?, ?, ?, ?, NULL, 0, NULL, NULL, NULL, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET source = EXCLUDED.source, state = 'issued', "
                        + "chain_pem = EXCLUDED.chain_pem, key_version = EXCLUDED.key_version, "
                        + "key_nonce = EXCLUDED.key_nonce, key_sealed = EXCLUDED.key_sealed, "
                        + "not_before = EXCLUDED.not_before, not_after = EXCLUDED.not_after, issuer = EXCLUDED.issuer, "
                        + "last_error = NULL, attempts = 0, next_attempt = NULL, lease_holder = NULL, lease_until = NULL, "
                        + "renew_after = NULL, renew_source = NULL, ari_checked_at = NULL, updated_at = EXCLUDED.updated_at",
                name,
                source,
                Pem.chain(chain),
                sealed.keyVersion(),
                sealed.nonce(),
                sealed.ciphertext(),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                leaf.getIssuerX500Principal().getName(),
                now);
    }

    /** An order failed: the reason, the attempt count and when to try again; the claim is released. */
    void storeFailure(String name, String error, Instant nextAttempt, Instant now) {
        db.update(
                "UPDATE certificate SET state = CASE WHEN chain_pem IS NULL THEN 'failed' ELSE 'issued' END, "
                        + "last_error = ?, attempts = attempts + 1, next_attempt = ?, lease_holder = NULL, lease_until = NULL, "
                        + "updated_at = ? WHERE name = ?",
                error,
                nextAttempt,
                now,
                name);
    }

    /**
     * When the certificate of {@code name} is to be renewed and why; {@code ariCheckedAt} when the CA was last asked
     * for its window. Applies only to the certificate with {@code notAfter}, so a renewal
     * time computed for a certificate another gateway has just replaced is dropped.
     */
    void storeRenewal(String name, Instant notAfter, RenewalTime time, Instant ariCheckedAt) {
        db.update(
                "UPDATE certificate SET renew_after = ?, renew_source = ?, ari_checked_at = ? "
                        + "WHERE name = ? AND not_after = ?",
                time.at(),
                time.source(),
                ariCheckedAt,
                name,
                notAfter);
    }

    List<Status> statuses() {
        return db.list(
                "SELECT name, source, state, not_after, issuer, last_error, attempts, next_attempt, renew_after, "
                        + "renew_source, ari_checked_at FROM certificate ORDER BY name",
                r -> new Status(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        Sql.instant(r, "not_after"),
                        r.getString(5),
                        r.getString(6),
                        r.getInt(7),
                        Sql.instant(r, "next_attempt"),
                        Sql.instant(r, "renew_after"),
                        r.getString(10),
                        Sql.instant(r, "ari_checked_at")));
    }

    Optional<Status> status(String name) {
        return statuses().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The ACME account of {@code directory}: its location and key pair, if one was registered. */
    Optional<Account> account(String directory) {
        return db.optional(
                "SELECT location, key_version, key_nonce, key_sealed FROM acme_account WHERE directory = ?",
                r -> new Account(
                        r.getString(1),
                        Pem.parseKeyPair(new String(
                                accounts.open(
                                        aad(directory),
                                        new MasterKeyCipher.Sealed(r.getInt(2), r.getBytes(3), r.getBytes(4))),
                                StandardCharsets.US_ASCII))),
                directory);
    }

    /** Stores the account unless another gateway stored one first; returns the one that counts. */
    Account storeAccount(String directory, Account account) {
        MasterKeyCipher.Sealed sealed =
                accounts.seal(aad(directory), Pem.keyPair(account.keys()).getBytes(StandardCharsets.US_ASCII));
        db.update(
                "INSERT INTO acme_account (directory, location, key_version, key_nonce, key_sealed) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (directory) DO NOTHING",
                directory,
                account.location(),
                sealed.keyVersion(),
                sealed.nonce(),
                sealed.ciphertext());
        return account(directory).orElseThrow();
    }

    record Account(String location, KeyPair keys) {}

    private static byte[] aad(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
