package fazt.platform.service.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets at rest under the suite's master key: AES-256-GCM with a random 96-bit nonce per value and a
 * 128-bit tag, under a key derived from {@code FAZT_MASTER_KEY} with HKDF-SHA256 (RFC 5869; empty salt, an
 * {@code info} naming the purpose, so each use has its own key). The caller's associated data binds a value to
 * where it belongs (app id, name), so a ciphertext copied elsewhere fails to open. Every sealed value records the key
 * version it was sealed with, for rotation.
 */
public final class MasterKeyCipher {
    /** The key version new values are sealed with. */
    public static final int CURRENT_VERSION = 1;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /**
     * @param masterKey the suite's master key ({@code FAZT_MASTER_KEY})
     * @param info the HKDF info of key version 1 for this purpose, e.g. {@code fazt/deploy/env/v1}
     */
    public MasterKeyCipher(String masterKey, String info) {
        this.key = new SecretKeySpec(
                hkdfSha256(
                        masterKey.getBytes(StandardCharsets.UTF_8),
                        new byte[0],
                        info.getBytes(StandardCharsets.UTF_8),
                        32),
                "AES");
    }

    /** A value as stored: which key sealed it, its nonce, and ciphertext with the GCM tag appended. */
    public record Sealed(int keyVersion, byte[] nonce, byte[] ciphertext) {}

    /** Thrown when a sealed value does not open: another master key, other associated data, or a tampered value. */
    public static final class UnsealFailed extends RuntimeException {
        UnsealFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    public Sealed seal(byte[] associatedData, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = cipher(Cipher.ENCRYPT_MODE, CURRENT_VERSION, nonce, associatedData);
            return new Sealed(CURRENT_VERSION, nonce, aes.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plaintext of {@code sealed}; throws {@link UnsealFailed} when it does not open. */
    public byte[] open(byte[] associatedData, Sealed sealed) {
        try {
            return cipher(Cipher.DECRYPT_MODE, sealed.keyVersion(), sealed.nonce(), associatedData)
                    .doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new UnsealFailed("does not decrypt");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private Cipher cipher(int mode, int version, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        if (version != CURRENT_VERSION) {
            throw new UnsealFailed("sealed with unknown key version " + version);
        }
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        aes.updateAAD(associatedData);
        return aes;
    }

    /** HKDF-SHA256 extract-then-expand (RFC 5869) of {@code length} bytes. */
    public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            int done = 0;
            for (int counter = 1; done < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            Arrays.fill(prk, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
