package fazt.proto.gateway;

import fazt.proto.MessageType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The certificate for {@code name}: {@code chainPem} (leaf first), valid until {@code notAfter}, and its private key
 * (PKCS#8 PEM) sealed with the master key for the purpose {@link GatewaySubjects#KEY_TRANSFER_INFO} with the name as
 * associated data ({@code keyVersion}, {@code keyNonce}, {@code keySealed}): only a service holding the master key can
 * open it, so the key never crosses NATS in clear. {@code found} false (every other field null): no certificate yet,
 * serve a self-signed one and ask again on {@link GatewaySubjects#CERTIFICATE_ISSUED}.
 */
@MessageType("gateway.certificate_reply.v1")
public record CertificateReply(
        boolean found,
        String name,
        String chainPem,
        Instant notAfter,
        Integer keyVersion,
        byte[] keyNonce,
        byte[] keySealed) {
    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateReply r
                && found == r.found
                && Objects.equals(name, r.name)
                && Objects.equals(chainPem, r.chainPem)
                && Objects.equals(notAfter, r.notAfter)
                && Objects.equals(keyVersion, r.keyVersion)
                && Arrays.equals(keyNonce, r.keyNonce)
                && Arrays.equals(keySealed, r.keySealed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(found, name, chainPem, notAfter) * 31 + Arrays.hashCode(keySealed);
    }
}
