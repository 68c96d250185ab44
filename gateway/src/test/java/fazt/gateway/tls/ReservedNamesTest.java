package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservedNamesTest {
    @Test
    void localNamesTestDomainsAndIpLiteralsAreNeverOrdered() {
        for (String name : new String[] {
            "localhost",
            "admin.localhost",
            "mail.localhost",
            "shop.fazt.test",
            "test",
            "x.invalid",
            "www.example",
            "127.0.0.1",
            "10.1.2.3",
            "::1",
            "2001:db8::1",
            ""
        }) {
            assertThat(ReservedNames.reserved(name)).as(name).isTrue();
        }
    }

    @Test
    void publicNamesMayBeOrdered() {
        for (String name : new String[] {
            "example.com",
            "shop.example.net",
            "admin.fazt.dev",
            "localhost.example.org",
            "test.com",
            "mytest",
            "1.2.3.4.nip.io"
        }) {
            assertThat(ReservedNames.reserved(name)).as(name).isFalse();
        }
    }
}
