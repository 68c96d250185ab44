package fazt.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {
    private static final String BASE = "fazt.example.net";

    @ParameterizedTest
    @CsvSource({
        "shop.example.com, shop.example.com, shop.example.com",
        "Shop.Example.COM., shop.example.com, shop.example.com",
        "example.com, example.com, example.com",
        "Bücher.example, xn--bcher-kva.example, bücher.example",
        "xn--bcher-kva.example, xn--bcher-kva.example, bücher.example",
        "*.shops.example.com, *.shops.example.com, *.shops.example.com",
        "*.Bücher.example, *.xn--bcher-kva.example, *.bücher.example",
        "a-b.c-d.example, a-b.c-d.example, a-b.c-d.example",
        "other.net, other.net, other.net",
        "faztexample.net, faztexample.net, faztexample.net"
    })
    void acceptsAndNormalises(String input, String ascii, String unicode) {
        DomainName name = DomainName.parse(input, BASE);
        assertThat(name.ascii()).isEqualTo(ascii);
        assertThat(name.unicode()).isEqualTo(unicode);
        assertThat(name.wildcard()).isEqualTo(input.startsWith("*."));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "shop",
                "localhost",
                "app.localhost",
                "*.localhost",
                "127.0.0.1",
                "10.1.2.3",
                "[::1]",
                "::1",
                "2001:db8::1",
                "fazt.example.net",
                "blog.fazt.example.net",
                "*.fazt.example.net",
                "*.example.net",
                "shop.*.example.com",
                "*example.com",
                "**.example.com",
                "*",
                "*.com",
                "-shop.example.com",
                "shop-.example.com",
                "shop..example.com",
                ".example.com",
                "sh op.example.com",
                "shop_x.example.com",
                "shop.example.com/path",
                "http://shop.example.com",
                "user@example.com",
                "shop.example.com:8080"
            })
    void rejects(String input) {
        assertThatThrownBy(() -> DomainName.parse(input, BASE))
                .isInstanceOf(DeployException.InvalidDomain.class)
                .satisfies(e -> assertThat(((DeployException) e).field()).isEqualTo("domain"));
    }

    @Test
    void lengthLimits() {
        String label63 = "a".repeat(63);
        assertThat(DomainName.parse(label63 + ".example.com", BASE).ascii()).startsWith(label63);
        assertThatThrownBy(() -> DomainName.parse("a".repeat(64) + ".example.com", BASE))
                .isInstanceOf(DeployException.InvalidDomain.class)
                .hasMessageContaining("63");
        String name253 = (label63 + ".").repeat(3) + "a".repeat(61);
        assertThat(name253).hasSize(253);
        assertThat(DomainName.parse(name253, BASE).ascii()).isEqualTo(name253);
        assertThatThrownBy(() -> DomainName.parse(name253 + "a", BASE))
                .isInstanceOf(DeployException.InvalidDomain.class);
        assertThatThrownBy(() -> DomainName.parse("*." + name253, BASE))
                .isInstanceOf(DeployException.InvalidDomain.class)
                .hasMessageContaining("253");
        assertThatThrownBy(() -> DomainName.parse("x".repeat(5000), BASE))
                .isInstanceOf(DeployException.InvalidDomain.class);
    }

    @Test
    void aWildcardParentIsItsApex() {
        assertThat(DomainName.parse("*.shops.example.com", BASE).parent()).isEqualTo("shops.example.com");
        assertThat(DomainName.parse("shops.example.com", BASE).parent()).isEqualTo("shops.example.com");
    }
}
