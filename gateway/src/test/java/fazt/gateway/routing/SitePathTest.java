package fazt.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SitePathTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "/,                 ''",
                "/index.html,       index.html",
                "/docs/,            docs/",
                "//a///b,           a/b",
                "/a/./b,            null",
                "/a/../../etc,      null",
                "/..,               null",
                "'/a\\b',           null",
                "relative,          null"
            })
    void parsesOnlyPathsASiteCanHave(String decoded, String relative) {
        SitePath path = SitePath.parse(decoded);
        assertThat(path == null ? null : path.relative()).isEqualTo(relative);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "/assets/**,   /assets/a/b.js,  true",
        "/assets/*,    /assets/a/b.js,  false",
        "/assets/*,    /assets/b.js,    true",
        "/*.html,      /index.html,     true",
        "/*.html,      /docs/x.html,    false",
        "/a?c,         /abc,            true",
        "/a.c,         /abc,            false"
    })
    void globsMatchWithinAndAcrossSegments(String glob, String path, boolean matches) {
        assertThat(PathGlob.compile(glob).matcher(path).matches()).isEqualTo(matches);
    }
}
