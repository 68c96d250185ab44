package fazt.server.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Verification of minisign signatures (https://jedisct1.github.io/minisign/) with the JDK's Ed25519.
 *
 * <p>A public key file is an untrusted comment line and base64 of {@code "Ed" || key_id(8) || public_key(32)}. A
 * signature file is an untrusted comment line, base64 of {@code algorithm(2) || key_id(8) || signature(64)}, a line
 * {@code trusted comment: <text>} and base64 of the global signature over {@code signature || text}. Algorithm
 * {@code "Ed"} signs the file itself (legacy), {@code "ED"} its BLAKE2b-512 hash (minisign's default since 0.8).
 */
public final class Minisign {
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String TRUSTED = "trusted comment: ";

    /** A minisign public key: its 8-byte key ID and the Ed25519 key. */
    public record Key(byte[] keyId, PublicKey key) {
        /** The key ID as minisign prints it (the little-endian number in hex). */
        public String id() {
            return hexId(keyId);
        }
    }

    private Minisign() {}

    /** Parses a public key file's text (or its base64 line alone). */
    public static Key parseKey(String text) throws ReleaseException {
        List<String> lines = lines(text);
        String encoded = lines.size() == 1 ? lines.getFirst() : lines.size() == 2 ? lines.get(1) : null;
        byte[] raw = encoded == null ? null : base64(encoded);
        if (raw == null || raw.length != 42 || raw[0] != 'E' || raw[1] != 'd') {
            throw new ReleaseException("the release public key is not a minisign public key "
                    + "(expected an untrusted comment line and base64 of 42 bytes starting with \"Ed\")");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 10, spki, ED25519_SPKI_PREFIX.length, 32);
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            return new Key(Arrays.copyOfRange(raw, 2, 10), key);
        } catch (GeneralSecurityException e) {
            throw new ReleaseException("the release public key is not a valid Ed25519 key", e);
        }
    }

    /**
     * Verifies {@code signatureText} (a .minisig file) over {@code message} with {@code key}; returns the trusted
     * comment. Throws with a one-line reason on a signature by another key, a changed message or trusted comment,
     * or a malformed file.
     */
    public static String verify(byte[] message, String signatureText, Key key) throws ReleaseException {
        List<String> lines = lines(signatureText);
        if (lines.size() != 4 || !lines.get(2).startsWith(TRUSTED)) {
            throw new ReleaseException("release.json.minisig is not a minisign signature "
                    + "(expected 4 lines: untrusted comment, signature, trusted comment, global signature)");
        }
        byte[] sig = base64(lines.get(1));
        byte[] global = base64(lines.get(3));
        if (sig == null || sig.length != 74 || global == null || global.length != 64) {
            throw new ReleaseException("release.json.minisig is not a minisign signature (bad signature lengths)");
        }
        boolean prehashed;
        if (sig[0] == 'E' && sig[1] == 'D') {
            prehashed = true;
        } else if (sig[0] == 'E' && sig[1] == 'd') {
            prehashed = false;
        } else {
            throw new ReleaseException("release.json.minisig uses an unknown signature algorithm");
        }
        byte[] keyId = Arrays.copyOfRange(sig, 2, 10);
        if (!Arrays.equals(keyId, key.keyId())) {
            throw new ReleaseException("release.json is signed by key " + hexId(keyId) + ", not by the pinned key "
                    + key.id() + ": refused");
        }
        byte[] signature = Arrays.copyOfRange(sig, 10, 74);
        byte[] signed = prehashed ? blake2b512(message) : message;
        if (!ed25519(key, signed, signature)) {
            throw new ReleaseException("release.json does not match its signature (changed after signing): refused");
        }
        String trusted = lines.get(2).substring(TRUSTED.length());
        byte[] trustedBytes = trusted.getBytes(StandardCharsets.UTF_8);
        byte[] globalMessage = new byte[64 + trustedBytes.length];
        System.arraycopy(signature, 0, globalMessage, 0, 64);
        System.arraycopy(trustedBytes, 0, globalMessage, 64, trustedBytes.length);
        if (!ed25519(key, globalMessage, global)) {
            throw new ReleaseException(
                    "the trusted comment of release.json.minisig was changed after signing: refused");
        }
        return trusted;
    }

    private static boolean ed25519(Key key, byte[] message, byte[] signature) throws ReleaseException {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key.key());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature value verifies nothing
        } catch (GeneralSecurityException e) {
            throw new ReleaseException("this JDK cannot verify Ed25519 signatures", e);
        }
    }

    static byte[] blake2b512(byte[] message) {
        Blake2bDigest digest = new Blake2bDigest(512);
        digest.update(message, 0, message.length);
        byte[] out = new byte[64];
        digest.doFinal(out, 0);
        return out;
    }

    private static String hexId(byte[] keyId) {
        byte[] reversed = new byte[keyId.length];
        for (int i = 0; i < keyId.length; i++) {
            reversed[i] = keyId[keyId.length - 1 - i];
        }
        return HexFormat.of().withUpperCase().formatHex(reversed);
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
