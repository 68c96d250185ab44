package fazt.proto.gateway;

import java.util.List;

/** Every TLS certificate the gateways serve or are ordering, by name; {@code backlog}: orders waiting for the CA's rate limit on this gateway. */
public record CertificateList(List<CertificateView> certificates, int backlog) {}
