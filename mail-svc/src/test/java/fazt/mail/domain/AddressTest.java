package fazt.mail.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void addressesAreNormalisedForMatching() {
        Address a = Address.parse("<Support@Shop.Example.>").orElseThrow();
        assertThat(a.local()).isEqualTo("support");
        assertThat(a.domain()).isEqualTo("shop.example");
        assertThat(Address.parse("info@bücher.example").orElseThrow().domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(Address.parse("*@shop.example").orElseThrow().catchAll()).isTrue();
        assertThat(Address.parse("postmaster@localhost").orElseThrow().domain()).isEqualTo("localhost");
    }

    @Test
    void whatIsNotAnAddressIsRefused() {
        assertThat(Address.parse("no-at-sign")).isEmpty();
        assertThat(Address.parse("@example.com")).isEmpty();
        assertThat(Address.parse("a@")).isEmpty();
        assertThat(Address.parse("a b@example.com")).isEmpty();
        assertThat(Address.parse("a@exa mple.com")).isEmpty();
        assertThat(Address.parse("a..b@example.com")).isEmpty();
        assertThat(Address.parse("x".repeat(65) + "@example.com")).isEmpty();
        assertThat(Address.parse("a@" + "x".repeat(250) + ".com")).isEmpty();
    }
}
