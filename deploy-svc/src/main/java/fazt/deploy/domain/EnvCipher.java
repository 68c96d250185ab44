package fazt.deploy.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts env values at rest: AES-256-GCM with a random 96-bit nonce per value and a 128-bit tag, under a key
 * derived from {@code FAZT_MASTER_KEY} with HKDF-SHA256 (RFC 5869; empty salt, info {@value #INFO}). The associated
 * data binds a value to its app id and name, so a ciphertext copied to another app or another name fails to open.
 * Every sealed value records the {@link #CURRENT_VERSION key version} it was sealed with, for rotation.
 */
public final class EnvCipher {
    /** HKDF info of key version 1. */
    public static final String INFO = "fazt/deploy/env/v1";
    /** The key version new values are sealed with. */
    public static final int CURRENT_VERSION = 1;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Integer, SecretKeySpec> keys;

    /** @param masterKey the suite's master key ({@code FAZT_MASTER_KEY}), at least 32 characters */
    public EnvCipher(String masterKey) {
        byte[] ikm = masterKey.getBytes(StandardCharsets.UTF_8);
        this.keys = Map.of(CURRENT_VERSION, new SecretKeySpec(hkdfSha256(ikm, new byte[0],
                INFO.getBytes(StandardCharsets.UTF_8), 32), "AES"));
    }

    /** A value as stored: which key sealed it, its nonce, and ciphertext with the GCM tag appended. */
    public record Sealed(int keyVersion, byte[] nonce, byte[] ciphertext) {}

    public Sealed seal(AppId app, EnvName name, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = cipher(Cipher.ENCRYPT_MODE, CURRENT_VERSION, nonce, app, name.value());
            return new Sealed(CURRENT_VERSION, nonce, aes.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The plaintext of a sealed value of {@code app}'s var {@code name}. Throws {@link IllegalStateException} when it
     * does not open: another master key, a value moved between apps or names, or a tampered row.
     */
    public String open(AppId app, String name, Sealed sealed) {
        try {
            Cipher aes = cipher(Cipher.DECRYPT_MODE, sealed.keyVersion(), sealed.nonce(), app, name);
            return new String(aes.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("env value " + name + " of " + app
                    + " does not decrypt: FAZT_MASTER_KEY changed, or the row was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private Cipher cipher(int mode, int version, byte[] nonce, AppId app, String name) throws GeneralSecurityException {
        SecretKeySpec key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("env value sealed with unknown key version " + version);
        }
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        aes.updateAAD(associatedData(app, name));
        return aes;
    }

    /** {@code <app id> NUL <name>}: neither can contain NUL. */
    static byte[] associatedData(AppId app, String name) {
        return (app.value() + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** HKDF-SHA256 extract-then-expand (RFC 5869) of {@code length} bytes. */
    static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
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
