package fazt.auth.domain;

import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertion;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.auth.PrincipalKeysReply;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Signs the principals auth-svc hands the gateway (ADR 32): a {@link PrincipalAssertion} good for {@link #LIFETIME}
 * for this install ({@code audience}, the subject root), under the current Ed25519 key. The key is made on first use
 * and kept with its private half sealed under the master key; {@link #rotate} makes a new current key and retires
 * the old one, which stays published ({@link #published}) until every assertion it signed has expired, then is
 * deleted. Several auth-svc instances share the keys through the database and re-read the current one every
 * {@link #RELOAD_EVERY}, well within the time a retired key stays published.
 */
public final class PrincipalSigner {
    /** How long an assertion holds: the gateway re-resolves a caller every 10 s, so a minute is plenty. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** How often an instance re-reads which key is current. */
    static final Duration RELOAD_EVERY = Duration.ofSeconds(30);
    /** How long a retired key stays published: its last assertions' life, the verifiers' skew, a margin. */
    static final Duration PUBLISHED_AFTER_RETIREMENT =
            LIFETIME.plus(PrincipalAssertions.CLOCK_SKEW).plus(RELOAD_EVERY).plus(Duration.ofSeconds(30));

    static final String INFO = "fazt/auth/principal-key/v1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** One signing key as kept: the public half as published, the private half sealed. */
    public record StoredKey(
            String keyId, String publicKey, MasterKeyCipher.Sealed sealed, Instant createdAt, Instant retiredAt) {}

    /** Where the keys are kept ({@code auth.principal_signing_key}). */
    public interface Store {
        /** The current key, if any. */
        Optional<StoredKey> current();

        /** The current key and every key retired after {@code retiredAfter}, newest first. */
        List<StoredKey> publishable(Instant retiredAfter);

        /** Stores {@code key} as current unless a current key exists already (another instance won). */
        void insertIfNoCurrent(StoredKey key);

        /** In one transaction: retires {@code current} at {@code at}, stores {@code next} as current. */
        void rotate(String current, StoredKey next, Instant at);

        /** Forgets keys retired before {@code before}. */
        void deleteRetiredBefore(Instant before);
    }

    private record Current(String keyId, PrivateKey key, Instant loadedAt) {}

    private final Store store;
    private final MasterKeyCipher cipher;
    private final String audience;
    private final Clock clock;
    private volatile Current current;

    public PrincipalSigner(Store store, String masterKey, String audience, Clock clock) {
        this.store = store;
        this.cipher = new MasterKeyCipher(masterKey, INFO);
        this.audience = audience;
        this.clock = clock;
    }

    /** {@code principal} carrying an assertion of itself under the current key. */
    public Principal sign(Principal principal) {
        Current signing = signingKey();
        Instant now = clock.instant();
        return principal.withAssertion(PrincipalAssertions.sign(
                PrincipalAssertion.of(signing.keyId(), audience, principal, now, LIFETIME), signing.key()));
    }

    /** The keys verifiers must accept now: the current one and those retired too recently to have no live assertion. */
    public PrincipalKeysReply published() {
        signingKey();
        return new PrincipalKeysReply(store.publishable(clock.instant().minus(PUBLISHED_AFTER_RETIREMENT)).stream()
                .map(k -> new PrincipalKeysReply.Key(k.keyId(), k.publicKey()))
                .toList());
    }

    /** A rotation: which key signs from now on, and which was retired (null when there was none). */
    public record Rotation(String keyId, String retiredKeyId) {}

    /** Makes a new current key and retires the old one; forgets keys retired long ago. */
    public synchronized Rotation rotate() {
        Instant now = clock.instant();
        Optional<StoredKey> old = store.current();
        StoredKey next = generate(now);
        if (old.isPresent()) {
            store.rotate(old.get().keyId(), next, now);
        } else {
            store.insertIfNoCurrent(next);
        }
        store.deleteRetiredBefore(now.minus(PUBLISHED_AFTER_RETIREMENT));
        current = null;
        return new Rotation(signingKey().keyId(), old.map(StoredKey::keyId).orElse(null));
    }

    private Current signingKey() {
        Current known = current;
        Instant now = clock.instant();
        if (known != null && known.loadedAt().plus(RELOAD_EVERY).isAfter(now)) {
            return known;
        }
        synchronized (this) {
            StoredKey stored = store.current().orElseGet(() -> {
                store.insertIfNoCurrent(generate(now));
                return store.current().orElseThrow();
            });
            if (known == null || !known.keyId().equals(stored.keyId())) {
                known = new Current(stored.keyId(), open(stored), now);
            } else {
                known = new Current(known.keyId(), known.key(), now);
            }
            current = known;
            return known;
        }
    }

    private StoredKey generate(Instant now) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String keyId = "pk_" + DAY.format(now) + "_" + HexFormat.of().formatHex(suffix);
        KeyPair pair = PrincipalAssertions.generateKeyPair();
        MasterKeyCipher.Sealed sealed =
                cipher.seal(aad(keyId), pair.getPrivate().getEncoded());
        return new StoredKey(keyId, PrincipalAssertions.encodePublicKey(pair.getPublic()), sealed, now, null);
    }

    private PrivateKey open(StoredKey stored) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(cipher.open(aad(stored.keyId()), stored.sealed())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("principal signing key " + stored.keyId() + " does not open", e);
        }
    }

    private static byte[] aad(String keyId) {
        return keyId.getBytes(StandardCharsets.UTF_8);
    }
}
