package fazt.platform.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.proto.MessageCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key as a backup archive carries it when asked ({@code master-key.enc}, ADR 39): sealed with a key derived
 * from a passphrase (PBKDF2-HMAC-SHA256, {@link #ITERATIONS} rounds, a random 16-byte salt) under AES-256-GCM with a
 * random nonce, as a small JSON document that names its parameters, so a later build can still open it. A wrong
 * passphrase and a changed byte are the same failure: {@link WrongPassphrase}.
 */
public final class KeyEnvelope {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;
    /** Shortest passphrase accepted when sealing. */
    public static final int MIN_PASSPHRASE = 12;

    static final String KDF = "PBKDF2-HMAC-SHA256";
    static final String CIPHER = "AES-256-GCM";
    private static final byte[] AAD = "fazt master key v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = MessageCodec.INSTANCE.mapper();

    private KeyEnvelope() {}

    /** The sealed form on disk. */
    record Sealed(int format, String kdf, int iterations, byte[] salt, String cipher, byte[] nonce, byte[] sealed) {}

    /** A passphrase that does not open the envelope, or an envelope whose bytes were changed. */
    public static final class WrongPassphrase extends Exception {
        WrongPassphrase() {
            super("the passphrase does not open master-key.enc (or the file was changed)");
        }
    }

    /** Seals {@code key} with {@code passphrase}; the envelope's bytes. */
    public static byte[] seal(byte[] key, char[] passphrase) {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("a passphrase has at least " + MIN_PASSPHRASE + " characters");
        }
        byte[] salt = random(16);
        byte[] nonce = random(12);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, ITERATIONS, nonce);
            byte[] sealed = cipher.doFinal(key);
            return JSON.writeValueAsBytes(new Sealed(1, KDF, ITERATIONS, salt, CIPHER, nonce, sealed));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal the master key", e);
        }
    }

    /** Opens an envelope made by {@link #seal}. */
    public static byte[] open(byte[] envelope, char[] passphrase) throws WrongPassphrase {
        Sealed s;
        try {
            s = JSON.readValue(envelope, Sealed.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("master-key.enc is not a key envelope: " + e.getMessage(), e);
        }
        if (s.format() != 1 || !KDF.equals(s.kdf()) || !CIPHER.equals(s.cipher())) {
            throw new IllegalArgumentException(
                    "master-key.enc uses an unknown format: " + s.format() + ", " + s.kdf() + ", " + s.cipher());
        }
        if (s.iterations() < 100_000
                || s.iterations() > 10_000_000
                || s.salt() == null
                || s.nonce() == null
                || s.sealed() == null) {
            throw new IllegalArgumentException("master-key.enc has parameters out of range");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, passphrase, s.salt(), s.iterations(), s.nonce())
                    .doFinal(s.sealed());
        } catch (AEADBadTagException e) {
            throw new WrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the master key", e);
        }
    }

    private static Cipher cipher(int mode, char[] passphrase, byte[] salt, int iterations, byte[] nonce)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(spec)
                .getEncoded();
        spec.clearPassword();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(derived, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(AAD);
            return cipher;
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
