package fazt.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A certificate the edge serves: its chain and Netty server context (TLS 1.3 and 1.2 only; ALPN offers {@code h2}
 * and {@code http/1.1}, ADR 28), its validity, issuer and leaf certificate.
 */
public record ServedCertificate(
        String name, SslContext context, Instant notBefore, Instant notAfter, String issuer, X509Certificate leaf) {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    static {
        OcspStapling.enable(); // before the first server context is made
    }

    static ServedCertificate of(String name, PrivateKey key, List<X509Certificate> chain) {
        X509Certificate leaf = chain.getFirst();
        return new ServedCertificate(
                name,
                context(key, chain),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                leaf.getIssuerX500Principal().getName(),
                leaf);
    }

    static SslContext context(PrivateKey key, List<X509Certificate> chain) {
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .protocols(PROTOCOLS)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("unusable certificate or key: " + e.getMessage(), e);
        }
    }

    /** Whether this certificate is due for renewal at {@code now}: {@code percent} of its lifetime has passed. */
    boolean dueAt(Instant now, int percent) {
        long life = notAfter.toEpochMilli() - notBefore.toEpochMilli();
        return now.toEpochMilli() >= notBefore.toEpochMilli() + life * percent / 100;
    }
}
