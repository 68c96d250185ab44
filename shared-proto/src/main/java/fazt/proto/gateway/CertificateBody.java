package fazt.proto.gateway;

/**
 * The body of {@code PUT /api/domains/{domain}/certificate}: your own certificate, {@code chain} (PEM, leaf first) and
 * its private {@code key} (PEM), each at most 64 KiB.
 */
public record CertificateBody(String chain, String key) {}
