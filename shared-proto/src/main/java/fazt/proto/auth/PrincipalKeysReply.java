package fazt.proto.auth;

import fazt.proto.MessageType;
import java.util.List;

/**
 * The public keys that verify principal assertions now: the signing key and any retired one whose assertions may
 * still be live. Each is an Ed25519 key, X.509 {@code SubjectPublicKeyInfo} DER in base64 ({@link
 * PrincipalAssertions#publicKey(String)}).
 */
@MessageType("auth.principal_keys_reply.v1")
public record PrincipalKeysReply(List<Key> keys) {
    /** One verification key under its id. */
    public record Key(String keyId, String publicKey) {}
}
