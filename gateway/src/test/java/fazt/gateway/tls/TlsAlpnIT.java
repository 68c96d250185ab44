package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS-ALPN-01 (RFC 8737) against a real pebble whose HTTP-01 port leads nowhere: the gateway answers the CA's
 * {@code acme-tls/1} handshake on its HTTPS port with the challenge certificate, and the name gets a certificate that
 * verifies against pebble's root. A visitor's handshake for the name is never answered with the challenge certificate.
 */
class TlsAlpnIT {
    @RegisterExtension
    static final HttpsFixture gateway = HttpsFixture.withTlsAlpnOnly();

    @Test
    void aNameValidatedByTlsAlpnGetsACertificateThatVerifies() throws Exception {
        X509Certificate root = gateway.pebble().root();
        String name = "admin." + HttpsFixture.DOMAIN;
        HttpsFixture.Answer answer = gateway.https(name, "/api/openapi.json", root);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(UploadedCertificate.covers(answer.chain().getFirst(), name)).isTrue();
        assertThat(answer.chain().getLast().getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(gateway.awaitIssued(name).source()).isEqualTo("acme");
        System.out.println("pebble log (TLS-ALPN-01):\n" + gateway.pebble().log());
    }

    @Test
    void theSmtpHostOrderedAtStartIsValidatedTheSameWay() throws Exception {
        assertThat(gateway.awaitIssued(HttpsFixture.SMTP_HOST).issuer()).isNotBlank();
    }
}
