package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class TlsAlpnCertificateTest {
    @Test
    void theChallengeContextNegotiatesOnlyAcmeTls() {
        SslContext context = TlsAlpnCertificate.context("shop.example.net", "token.thumbprint");
        assertThat(context.isServer()).isTrue();
        assertThat(context.applicationProtocolNegotiator().protocols()).containsExactly("acme-tls/1");
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
        assertThat(engine.getUseClientMode()).isFalse();
    }
}
