package fazt.auth.domain;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bootstrap admin token: {@code FAZT_ADMIN_TOKEN} when configured, else a token generated on the first start whose
 * SHA-256 alone is stored. Comparison is by hash in constant time, so neither the token nor its length leaks through
 * timing. It keeps working next to accounts and scoped tokens, as the operator's way in.
 */
public final class BootstrapToken {
    /** Token prefix, so a leaked token is recognisable by secret scanners. */
    public static final String PREFIX = "fazt_";

    private final byte[] hash;

    private BootstrapToken(byte[] hash) {
        this.hash = hash;
    }

    public static BootstrapToken ofToken(String token) {
        return new BootstrapToken(Secret.hash(token));
    }

    public static BootstrapToken ofHash(byte[] hash) {
        return new BootstrapToken(hash.clone());
    }

    /** A new random token (about 230 bits). */
    public static String generate() {
        return PREFIX + Secret.generate();
    }

    /** Whether {@code candidate} has the shape of a generated token ({@link #generate}); nothing else is looked up. */
    public static boolean looksGenerated(String candidate) {
        return candidate != null
                && candidate.length() == PREFIX.length() + Secret.LENGTH
                && candidate.startsWith(PREFIX);
    }

    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(hash, Secret.hash(candidate));
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** Port: where a generated token's hash is kept. */
    public interface Store {
        Optional<BootstrapToken> load();

        /** Stores {@code token} unless one is stored already; returns the one that is stored afterwards. */
        BootstrapToken storeIfAbsent(BootstrapToken token);

        /** Stores {@code token} in place of the stored one: the old token stops working. */
        void replace(BootstrapToken token);
    }
}
