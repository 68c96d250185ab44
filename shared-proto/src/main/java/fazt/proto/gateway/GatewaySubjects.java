package fazt.proto.gateway;

/** The gateway's subjects (ADR 2), each qualified with the suite's root before use. */
public final class GatewaySubjects {
    /** A gateway stored a certificate for a name: every gateway loads it from the database (ADR 28). */
    public static final String CERTIFICATE_ISSUED = "evt.gateway.certificate.issued";
    /** An ACME HTTP-01 answer was put up or taken down: every gateway serves what the ordering one published. */
    public static final String CHALLENGE_CHANGED = "evt.gateway.challenge.changed";

    /**
     * Request {@link CertificateRequest}; reply {@link CertificateReply}: the certificate and sealed key of a host
     * name, for a service that terminates TLS of its own (mail-svc's STARTTLS).
     */
    public static final String CERTIFICATE_GET = "svc.gateway.certificate.get";
    /** The master-key purpose ({@code MasterKeyCipher} info) a {@link CertificateReply}'s key is sealed for. */
    public static final String KEY_TRANSFER_INFO = "fazt/gateway/key-transfer/v1";

    private GatewaySubjects() {}
}
