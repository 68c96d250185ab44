package fazt.deploy.domain;

import fazt.platform.service.crypto.MasterKeyCipher;
import java.nio.charset.StandardCharsets;

/**
 * Encrypts env values at rest with {@link MasterKeyCipher} (AES-256-GCM under a key derived from
 * {@code FAZT_MASTER_KEY} with HKDF-SHA256, info {@value #INFO}). The associated data binds a value to its app id and
 * name, so a ciphertext copied to another app or another name fails to open.
 */
public final class EnvCipher {
    /** HKDF info of key version 1. */
    public static final String INFO = "fazt/deploy/env/v1";
    /** The key version new values are sealed with. */
    public static final int CURRENT_VERSION = MasterKeyCipher.CURRENT_VERSION;

    private final MasterKeyCipher cipher;

    /** @param masterKey the suite's master key ({@code FAZT_MASTER_KEY}), at least 32 characters */
    public EnvCipher(String masterKey) {
        this.cipher = new MasterKeyCipher(masterKey, INFO);
    }

    /** A value as stored: which key sealed it, its nonce, and ciphertext with the GCM tag appended. */
    public record Sealed(int keyVersion, byte[] nonce, byte[] ciphertext) {}

    public Sealed seal(AppId app, EnvName name, String plaintext) {
        MasterKeyCipher.Sealed s =
                cipher.seal(associatedData(app, name.value()), plaintext.getBytes(StandardCharsets.UTF_8));
        return new Sealed(s.keyVersion(), s.nonce(), s.ciphertext());
    }

    /**
     * The plaintext of a sealed value of {@code app}'s var {@code name}. Throws {@link IllegalStateException} when it
     * does not open: another master key, a value moved between apps or names, or a tampered row.
     */
    public String open(AppId app, String name, Sealed sealed) {
        try {
            return new String(
                    cipher.open(
                            associatedData(app, name),
                            new MasterKeyCipher.Sealed(sealed.keyVersion(), sealed.nonce(), sealed.ciphertext())),
                    StandardCharsets.UTF_8);
        } catch (MasterKeyCipher.UnsealFailed e) {
            throw new IllegalStateException("env value " + name + " of " + app + " " + e.getMessage()
                    + ": FAZT_MASTER_KEY changed, or the row was altered");
        }
    }

    /** {@code <app id> NUL <name>}: neither can contain NUL. */
    static byte[] associatedData(AppId app, String name) {
        return (app.value() + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }
}
