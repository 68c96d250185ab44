package fazt.proto.gateway;

import fazt.proto.MessageType;

/**
 * Another service asks for the certificate the gateway holds for host {@code name} (mail-svc, for STARTTLS on its
 * SMTP host name). Answered only for names the gateway orders certificates for.
 */
@MessageType("gateway.certificate_request.v1")
public record CertificateRequest(String name) {}
