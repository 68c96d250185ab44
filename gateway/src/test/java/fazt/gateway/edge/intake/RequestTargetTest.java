package fazt.gateway.edge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/|/",
                "/index.html|/index.html",
                "//api/main.js|/api/main.js",
                "/%61pi/main.js|/api/main.js",
                "/%2e/api/main.js|/api/main.js",
                "/./api/./main.js|/api/main.js",
                "/x/../api/main.js|/api/main.js",
                "/x/%2e%2e/api/main.js|/api/main.js",
                "/x/%2E%2E/api/main.js|/api/main.js",
                "/a//b///c|/a/b/c",
                "/a/b/..|/a/",
                "/a/b/.|/a/b/",
                "/a/|/a/",
                "/%252e%252e/x|/%2e%2e/x",
                "/api;x/main.js|/api;x/main.js",
                "/caf%C3%A9|/café",
                "/a%20b|/a b",
            })
    void decodesOnceAndResolvesDotSegments(String target, String path) throws Exception {
        assertThat(RequestTarget.parse(target).path()).isEqualTo(path);
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(
            strings = {
                "/..",
                "/../x",
                "/%2e%2e/x",
                "/a/../../x",
                "/api%2Fmain.js",
                "/api%2fmain.js",
                "/api%5Cmain.js",
                "/api\\main.js",
                "/%00",
                "/a%0a",
                "/a%0D",
                "/%7f",
                "/%c0%af",
                "/%e0%80%af",
                "/%ff",
                "/%c2%85",
                "/%",
                "/%4",
                "/%zz",
                "/a b",
                "/é",
                "/a#frag",
                "*",
                "example.com:443",
                "ftp://x/y",
                "http://",
                "\u0000"
            })
    void refusesWhatCouldBeReadTwoWays(String target) {
        assertThatThrownBy(() -> RequestTarget.parse(target))
                .isInstanceOf(RequestTarget.Refused.class)
                .satisfies(e -> assertThat(((RequestTarget.Refused) e).status()).isEqualTo(400));
    }

    @Test
    void anAbsoluteTargetNamesTheAuthority() throws Exception {
        RequestTarget target = RequestTarget.parse("http://Blog.Example.com:8080/a/../b?x=1");
        assertThat(target.authority()).isEqualTo("Blog.Example.com:8080");
        assertThat(target.path()).isEqualTo("/b");
        assertThat(target.rawQuery()).isEqualTo("x=1");
        assertThat(RequestTarget.parse("https://h?q").path()).isEqualTo("/");
        assertThat(RequestTarget.parse("https://h?q").rawQuery()).isEqualTo("q");
    }

    @Test
    void theQueryIsKeptAsSent() throws Exception {
        RequestTarget target = RequestTarget.parse("/a?b=%2F&c=..%00");
        assertThat(target.path()).isEqualTo("/a");
        assertThat(target.rawQuery()).isEqualTo("b=%2F&c=..%00");
    }

    @Test
    void aLongPathIsUriTooLong() {
        assertThatThrownBy(() -> RequestTarget.parse("/" + "a".repeat(RequestTarget.MAX_PATH)))
                .satisfies(e -> assertThat(((RequestTarget.Refused) e).status()).isEqualTo(414));
    }

    @Test
    void encodingGivesAPathThatDecodesBack() throws Exception {
        for (String path : new String[] {"/a b/café", "/%2e%2e", "/x;y=z/@:!$&'()*+,", "/😀"}) {
            String encoded = RequestTarget.encode(path);
            assertThat(encoded).matches("[A-Za-z0-9/\\-._~!$&'()*+,;=:@%]*");
            assertThat(RequestTarget.parse(encoded).path()).isEqualTo(path);
        }
    }
}
