package fazt.gateway.edge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, ::1/128, 192.168.1.7");

    private static HttpHeaders headers(String... pairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static ClientAddress of(String peer, HttpHeaders headers) throws Exception {
        return ClientAddress.of(InetAddress.getByName(peer), false, headers, PROXIES);
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        ClientAddress client = of(
                "203.0.113.9",
                headers(
                        "X-Forwarded-For",
                        "1.2.3.4",
                        "X-Forwarded-Proto",
                        "https",
                        "Forwarded",
                        "for=5.6.7.8;proto=https"));
        assertThat(client).isEqualTo(new ClientAddress("203.0.113.9", "http", false));
    }

    @Test
    void aTrustedProxyNamesTheClientAndScheme() throws Exception {
        ClientAddress client =
                of("10.1.2.3", headers("X-Forwarded-For", "198.51.100.1, 10.9.9.9", "X-Forwarded-Proto", "https"));
        assertThat(client).isEqualTo(new ClientAddress("198.51.100.1", "https", true));
    }

    @Test
    void theLastUntrustedHopWinsSoAClientCannotSpoofItsAddress() throws Exception {
        ClientAddress client = of("10.1.2.3", headers("X-Forwarded-For", "6.6.6.6, 198.51.100.1"));
        assertThat(client.ip()).isEqualTo("198.51.100.1");
    }

    @Test
    void forwardedIsPreferredAndMayCarryPortsAndQuotes() throws Exception {
        ClientAddress client =
                of("::1", headers("Forwarded", "for=\"[2001:db8::7]:4711\";proto=https", "X-Forwarded-For", "1.1.1.1"));
        assertThat(client).isEqualTo(new ClientAddress("2001:db8::7", "https", true));
        assertThat(of("192.168.1.7", headers("Forwarded", "for=198.51.100.2:80"))
                        .ip())
                .isEqualTo("198.51.100.2");
    }

    @Test
    void garbageIsNeverTakenForAnAddressOrScheme() throws Exception {
        ClientAddress client =
                of("10.1.2.3", headers("X-Forwarded-For", "evil.example, <script>", "X-Forwarded-Proto", "gopher"));
        assertThat(client).isEqualTo(new ClientAddress("10.1.2.3", "http", true));
    }

    @Test
    void badSettingsNameTheEntry() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.local")).hasMessageContaining("proxy.local");
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse("172.16.0.0/12").trusts("172.31.255.255"))
                .isTrue();
        assertThat(TrustedProxies.parse("172.16.0.0/12").trusts("172.32.0.1")).isFalse();
    }
}
