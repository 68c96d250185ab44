package fazt.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random secrets and identifiers, and the SHA-256 under which secrets are stored. Secrets use an alphabet without
 * look-alikes and without {@code _}, so they can follow an {@code _}-separated prefix unambiguously.
 */
public final class Secret {
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String ID_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";
    /** Characters of a secret: 40 of 57 symbols, about 233 bits. */
    public static final int LENGTH = 40;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secret() {}

    /** A new secret of {@value #LENGTH} characters. */
    public static String generate() {
        return random(ALPHABET, LENGTH);
    }

    /** A new identifier such as {@code u_k3v9q2m7x4bz}: a kind prefix and 12 random lower-case characters. */
    public static String id(String prefix) {
        return prefix + random(ID_ALPHABET, 12);
    }

    /** The stored form of a secret. Secrets are long and random, so a fast hash is enough (no KDF needed). */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
