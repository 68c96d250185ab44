package fazt.proto.gateway;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * A certificate for {@code name} was stored (ordered from the CA or uploaded), valid until {@code notAfter}. Carries
 * no key: every gateway reads the certificate and its sealed key from the gateway schema.
 */
@MessageType("gateway.certificate_issued.v1")
public record CertificateIssued(String eventId, String name, Instant notAfter, Instant at) {}
