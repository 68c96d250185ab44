package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class ClientHelloAlpnTest {
    /** The JDK client's real ClientHello body offering {@code protocols} (none: no ALPN extension at all). */
    private static ByteBuf hello(String... protocols) throws Exception {
        SSLEngine client = SSLContext.getDefault().createSSLEngine("shop.example.net", 443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName("shop.example.net")));
        if (protocols.length > 0) {
            parameters.setApplicationProtocols(protocols);
        }
        client.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        ByteBuf record = Unpooled.wrappedBuffer(out);
        // 5 bytes of record header, 4 of handshake header: the body starts at the client version
        return record.slice(9, record.readableBytes() - 9);
    }

    @Test
    void aValidationOffersAcmeTls() throws Exception {
        assertThat(ClientHelloAlpn.offers(hello("acme-tls/1"), "acme-tls/1")).isTrue();
        assertThat(ClientHelloAlpn.offers(hello("h2", "acme-tls/1"), "acme-tls/1"))
                .isTrue();
    }

    @Test
    void aVisitorDoesNot() throws Exception {
        assertThat(ClientHelloAlpn.offers(hello("h2", "http/1.1"), "acme-tls/1"))
                .isFalse();
        assertThat(ClientHelloAlpn.offers(hello(), "acme-tls/1")).isFalse();
        assertThat(ClientHelloAlpn.offers(hello("acme-tls/10"), "acme-tls/1")).isFalse();
    }

    @Test
    void aTruncatedOrMissingHelloOffersNothing() throws Exception {
        ByteBuf whole = hello("acme-tls/1");
        for (int length = 0; length < whole.readableBytes(); length += 7) {
            // never throws, whatever was cut off
            ClientHelloAlpn.offers(whole.slice(0, length), "acme-tls/1");
        }
        assertThat(ClientHelloAlpn.offers(Unpooled.buffer(0), "acme-tls/1")).isFalse();
        assertThat(ClientHelloAlpn.offers(null, "acme-tls/1")).isFalse();
    }
}
