package fazt.auth.domain.appauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Encrypts small secrets (OAuth client secrets) for storage with AES-256-GCM under a key derived from
 * {@code FAZT_MASTER_KEY} by HKDF-SHA256 ({@code info = "fazt/auth/provider-secret/v1"}). Stored form: a version byte,
 * the 12-byte nonce, the ciphertext with its tag. The associated data binds a ciphertext to its row (app and provider),
 * so a secret copied to another row does not decrypt.
 */
public final class SecretBox {
    private static final byte VERSION = 1;
    private static final int NONCE = 12, TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(String masterKey) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(
                masterKey.getBytes(StandardCharsets.UTF_8),
                null,
                "fazt/auth/provider-secret/v1".getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = new byte[32];
        hkdf.generateBytes(bytes, 0, bytes.length);
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public byte[] seal(String secret, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /** The secret, or an {@link IllegalArgumentException} when the box was tampered with or sealed for another row. */
    public String open(byte[] box, String context) {
        if (box == null || box.length < 1 + NONCE + TAG_BITS / 8 || box[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(box, 1, 1 + NONCE)));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(box, 1 + NONCE, box.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed secret does not authenticate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }
}
