package fazt.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.util.CertificateUtils;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The TLS-ALPN-01 answer for one name (RFC 8737): a self-signed certificate for the name carrying the
 * {@code acmeIdentifier} extension (the SHA-256 of the key authorization), in a server context that negotiates only
 * ALPN {@code acme-tls/1}. Made from a fresh RSA key by each gateway that serves it.
 */
final class TlsAlpnCertificate {
    /** The ALPN protocol of a TLS-ALPN-01 validation. */
    static final String PROTOCOL = TlsAlpn01Challenge.ACME_TLS_1_PROTOCOL;

    private TlsAlpnCertificate() {}

    static SslContext context(String name, String keyAuthorization) {
        AcmeClient.ensureBouncyCastle();
        try {
            byte[] validation =
                    MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
            // acme4j signs the challenge certificate with SHA256withRSA: an RSA key (made once per challenge)
            KeyPair keys = KeyPairUtils.createKeyPair(2048);
            X509Certificate certificate =
                    CertificateUtils.createTlsAlpn01Certificate(keys, Identifier.dns(name), validation);
            return SslContextBuilder.forServer(keys.getPrivate(), certificate)
                    .protocols(ServedCertificate.PROTOCOLS)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            PROTOCOL))
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the TLS-ALPN-01 certificate for " + name, e);
        }
    }
}
