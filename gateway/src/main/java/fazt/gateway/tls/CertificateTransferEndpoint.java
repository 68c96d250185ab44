package fazt.gateway.tls;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.proto.gateway.CertificateReply;
import fazt.proto.gateway.CertificateRequest;
import fazt.proto.gateway.GatewaySubjects;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * {@code svc.gateway.certificate.get} (ADR 30): mail-svc's STARTTLS certificate. Only the SMTP host name
 * ({@code FAZT_SMTP_HOSTNAME}) is answered, with its chain and its key sealed under the master key for
 * {@link GatewaySubjects#KEY_TRANSFER_INFO} with the name as associated data; any other name, or one not issued yet,
 * is {@code found=false}. The key is never logged or sent in clear.
 */
@Singleton
final class CertificateTransferEndpoint implements RequestEndpoint {
    /** A longer name is no host name (RFC 1035). */
    static final int MAX_NAME = 253;

    private final CertificateManager certificates;
    private final MasterKeyCipher transfer;

    CertificateTransferEndpoint(CertificateManager certificates, BootstrapSettings settings) {
        this.certificates = certificates;
        this.transfer = new MasterKeyCipher(settings.masterKey(), GatewaySubjects.KEY_TRANSFER_INFO);
    }

    @Override
    public String subject() {
        return GatewaySubjects.CERTIFICATE_GET;
    }

    @Override
    public CertificateReply handle(IncomingRequest request) {
        String name = request.body(CertificateRequest.class).name();
        if (name == null || name.length() > MAX_NAME) {
            return notFound();
        }
        return certificates
                .transfer(name)
                .map(stored -> {
                    MasterKeyCipher.Sealed sealed = transfer.seal(
                            stored.name().getBytes(StandardCharsets.UTF_8),
                            Pem.key(stored.key()).getBytes(StandardCharsets.US_ASCII));
                    return new CertificateReply(
                            true,
                            stored.name(),
                            Pem.chain(stored.chain()),
                            stored.chain().getFirst().getNotAfter().toInstant(),
                            sealed.keyVersion(),
                            sealed.nonce(),
                            sealed.ciphertext());
                })
                .orElseGet(CertificateTransferEndpoint::notFound);
    }

    private static CertificateReply notFound() {
        return new CertificateReply(false, null, null, null, null, null, null);
    }
}
