package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OCSP stapling (ADR 28, amendment) against pebble's certificates, which name an OCSP responder: a test responder
 * signing with pebble's own intermediate key. A client asking for the status ({@code status_request}, the JDK
 * client's default) gets the responder's "good" answer stapled to the handshake.
 */
class OcspStaplingIT {
    @RegisterExtension
    static final HttpsFixture gateway = HttpsFixture.withOcspResponder();

    @Test
    void aCertificateNamingAnOcspResponderHasItsStatusStapled() throws Exception {
        X509Certificate root = gateway.pebble().root();
        String name = "admin." + HttpsFixture.DOMAIN;
        HttpsFixture.Answer first = gateway.https(name, "/api/openapi.json", root);
        assertThat(first.status()).isEqualTo(200);
        List<byte[]> stapled = gateway.stapled(name, root);
        assertThat(stapled).as("OCSP responses stapled to the handshake").isNotEmpty();
        assertThat(OcspResponder.good(stapled.getFirst())).isTrue();
        assertThat(gateway.responder().requests()).isPositive();
    }
}
