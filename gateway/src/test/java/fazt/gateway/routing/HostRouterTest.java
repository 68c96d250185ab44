package fazt.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostRouterTest {
    private final HostRouter router = new HostRouter("example.com");

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "example.com,            APP,     root",
                "root.example.com,       APP,     root",
                "EXAMPLE.COM.,           APP,     root",
                "example.com:8080,       APP,     root",
                "blog.example.com,       APP,     blog",
                "Blog.Example.Com:443,   APP,     blog",
                "blog.example.com.,      APP,     blog",
                "admin.example.com,      ADMIN,   null",
                "admin.example.com:8080, ADMIN,   null",
                "a.b.example.com,        UNKNOWN, 404",
                "other.org,              UNKNOWN, 404",
                "127.0.0.1:8080,         UNKNOWN, 404",
                "[::1]:8080,             UNKNOWN, 404",
                "xn--bcher-kva.example.com, APP,  xn--bcher-kva",
                "bücher.example.com,     APP,     xn--bcher-kva",
                "'',                     BAD,     null",
                "null,                   BAD,     null",
                "blog.example.com:99999, BAD,     null",
                "blog.example.com:x,     BAD,     null",
                "bl_og.example.com,      BAD,     null",
                "blog..example.com,      BAD,     null",
                "-blog.example.com,      BAD,     null",
                "'blog example.com',     BAD,     null",
                "[::1,                   BAD,     null"
            })
    void routesHostsAsTheArchitectureSays(String host, HostRoute.Kind kind, String app) {
        HostRoute route = router.route(host);
        assertThat(route.kind()).isEqualTo(kind);
        assertThat(route.app()).isEqualTo(app);
    }
}
