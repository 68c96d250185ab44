package fazt.runtime.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The JDK primitives behind {@code crypto}: CSPRNG bytes, SHA digests and HMAC, by Web Crypto hash name. */
final class WebCrypto {
    /** The most bytes one call may ask for (the {@code getRandomValues} quota; generateKey asks for at most 128). */
    static final int MAX_RANDOM_BYTES = 65536;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> DIGESTS =
            Map.of("SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");
    private static final Map<String, String> MACS =
            Map.of("SHA-1", "HmacSHA1", "SHA-256", "HmacSHA256", "SHA-384", "HmacSHA384", "SHA-512", "HmacSHA512");

    private WebCrypto() {}

    static byte[] randomBytes(int n) {
        if (n < 0 || n > MAX_RANDOM_BYTES) {
            throw new IllegalArgumentException("random byte count out of range: " + n);
        }
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    static byte[] digest(String hash, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm(DIGESTS, hash)).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("digest " + hash + " unavailable", e);
        }
    }

    static byte[] hmac(String hash, byte[] key, byte[] data) {
        try {
            String name = algorithm(MACS, hash);
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(key, name));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("hmac " + hash + " unavailable", e);
        }
    }

    private static String algorithm(Map<String, String> table, String hash) {
        String name = table.get(hash);
        if (name == null) {
            throw new IllegalArgumentException("unsupported hash " + hash);
        }
        return name;
    }
}
