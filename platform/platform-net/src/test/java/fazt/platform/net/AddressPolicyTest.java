package fazt.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "127.0.0.1 | loopback address",
                "127.255.0.9 | loopback address",
                "::1 | loopback address",
                "::ffff:127.0.0.1 | loopback address",
                "::ffff:7f00:1 | loopback address",
                "::127.0.0.1 | loopback address",
                "64:ff9b::7f00:1 | loopback address",
                "2002:7f00:1:: | loopback address",
                "10.0.0.1 | private address",
                "172.16.0.1 | private address",
                "172.31.255.255 | private address",
                "192.168.1.1 | private address",
                "fc00::1 | private address",
                "fd12:3456::1 | private address",
                "fec0::1 | private address",
                "::ffff:10.1.2.3 | private address",
                "169.254.169.254 | cloud metadata address",
                "::ffff:169.254.169.254 | cloud metadata address",
                "fd00:ec2::254 | cloud metadata address",
                "168.63.129.16 | cloud metadata address",
                "169.254.1.1 | link-local address",
                "fe80::1 | link-local address",
                "0.0.0.0 | unspecified address",
                ":: | unspecified address",
                "100.64.0.1 | carrier-grade NAT address",
                "100.127.255.254 | carrier-grade NAT address",
                "224.0.0.1 | multicast address",
                "ff02::1 | multicast address",
                "255.255.255.255 | reserved address",
                "192.0.2.1 | reserved address",
                "2001:db8::1 | reserved address",
                "8.8.8.8 | -",
                "172.32.0.1 | -",
                "100.128.0.1 | -",
                "192.169.0.1 | -",
                "2606:4700:4700::1111 | -",
            })
    void classifies(String address, String refusal) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).isEqualTo(refusal);
    }

    @ParameterizedTest
    @CsvSource({"metadata.google.internal", "METADATA.google.internal.", "metadata.goog"})
    void refusesMetadataHostNames(String host) {
        assertThat(AddressPolicy.refusedName(host)).isEqualTo("cloud metadata host");
    }

    @ParameterizedTest
    @CsvSource({"example.com", "127.0.0.1", "::1", "169.254.169.254.nip.io"})
    void literalOnlyParsesIpLiterals(String host) {
        boolean isLiteral = !host.contains("example") && !host.contains("nip.io");
        assertThat(AddressPolicy.literal(host) != null).isEqualTo(isLiteral);
    }
}
