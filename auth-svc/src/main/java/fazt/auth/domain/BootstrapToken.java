package fazt.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The bootstrap admin token, until accounts and scoped tokens arrive: {@code FAZT_ADMIN_TOKEN} when configured, else
 * a token generated on the first start whose SHA-256 alone is stored. Comparison is by hash in constant time, so
 * neither the token nor its length leaks through timing.
 */
public final class BootstrapToken {
    /** Token prefix, so a leaked token is recognisable by secret scanners. */
    public static final String PREFIX = "fazt_";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int RANDOM_CHARS = 40;

    private final byte[] hash;

    private BootstrapToken(byte[] hash) {
        this.hash = hash;
    }

    public static BootstrapToken ofToken(String token) {
        return new BootstrapToken(sha256(token));
    }

    public static BootstrapToken ofHash(byte[] hash) {
        return new BootstrapToken(hash.clone());
    }

    /** A new random token (about 230 bits). */
    public static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(hash, sha256(candidate));
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** Port: where a generated token's hash is kept. */
    public interface Store {
        Optional<BootstrapToken> load();

        /** Stores {@code token} unless one is stored already; returns the one that is stored afterwards. */
        BootstrapToken storeIfAbsent(BootstrapToken token);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
