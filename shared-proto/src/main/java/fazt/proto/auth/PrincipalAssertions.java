package fazt.proto.auth;

import fazt.proto.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

/**
 * The compact form of a {@link PrincipalAssertion} (ADR 32): {@code base64url(JSON payload) "." base64url(Ed25519
 * signature over the first part's ASCII)}, without padding. {@link #verify} is the one place a principal that crossed
 * NATS is believed: signature first (under the key the payload names), then audience and time; anything else is
 * {@link Refused}. Keys are the JDK's {@code Ed25519}.
 */
public final class PrincipalAssertions {
    /** The longest compact assertion read; a principal with many scopes stays far below. */
    public static final int MAX_LENGTH = 8192;
    /** How far the verifier's clock may be behind or ahead of auth-svc's. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** The longest life an assertion may claim; a longer one is refused whoever signed it. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    static final String ALGORITHM = "Ed25519";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private PrincipalAssertions() {}

    /** Why an assertion was not believed; the message names the reason, never the assertion. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The compact, signed form of {@code claims} under {@code key} (whose id {@code claims} names). */
    public static String sign(PrincipalAssertion claims, PrivateKey key) {
        String payload = URL.encodeToString(MessageCodec.INSTANCE.encode(claims));
        try {
            Signature ed = Signature.getInstance(ALGORITHM);
            ed.initSign(key);
            ed.update(payload.getBytes(StandardCharsets.US_ASCII));
            return payload + "." + URL.encodeToString(ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /**
     * The claims of {@code compact} when its signature verifies under {@code keys.apply(keyId)} (null: unknown key),
     * its audience is {@code audience} and it holds at {@code now} (within {@link #CLOCK_SKEW}); else {@link Refused}.
     */
    public static PrincipalAssertion verify(
            String compact, Function<String, PublicKey> keys, String audience, Instant now) {
        if (compact == null || compact.isEmpty()) {
            throw new Refused("no assertion");
        }
        if (compact.length() > MAX_LENGTH) {
            throw new Refused("assertion too long");
        }
        int dot = compact.indexOf('.');
        if (dot <= 0 || dot != compact.lastIndexOf('.') || dot == compact.length() - 1) {
            throw new Refused("not a compact assertion");
        }
        String payload = compact.substring(0, dot);
        PrincipalAssertion claims;
        byte[] signature;
        try {
            claims = MessageCodec.INSTANCE.decode(URL_DECODER.decode(payload), PrincipalAssertion.class);
            signature = URL_DECODER.decode(compact.substring(dot + 1));
        } catch (RuntimeException e) {
            throw new Refused("not a compact assertion");
        }
        if (claims.keyId() == null) {
            throw new Refused("no key id");
        }
        PublicKey key = keys.apply(claims.keyId());
        if (key == null) {
            throw new Refused("unknown key " + claims.keyId());
        }
        try {
            Signature ed = Signature.getInstance(ALGORITHM);
            ed.initVerify(key);
            ed.update(payload.getBytes(StandardCharsets.US_ASCII));
            if (!ed.verify(signature)) {
                throw new Refused("bad signature");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("bad signature");
        }
        if (!audience.equals(claims.audience())) {
            throw new Refused("for another install");
        }
        long skew = CLOCK_SKEW.toSeconds();
        if (now.getEpochSecond() > claims.expiresAt() + skew) {
            throw new Refused("expired");
        }
        if (claims.issuedAt() > now.getEpochSecond() + skew) {
            throw new Refused("issued in the future");
        }
        if (claims.expiresAt() - claims.issuedAt() > MAX_LIFETIME.toSeconds()) {
            throw new Refused("lives too long");
        }
        if (claims.subject() == null || claims.subject().isEmpty()) {
            throw new Refused("no subject");
        }
        return claims;
    }

    /** A new Ed25519 key pair. */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** {@code key} as published: X.509 {@code SubjectPublicKeyInfo} DER in base64. */
    public static String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The Ed25519 key {@link #encodePublicKey} wrote; {@link IllegalArgumentException} when it is not one. */
    public static PublicKey publicKey(String base64Der) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Der)));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 DER in base64)");
        }
    }
}
