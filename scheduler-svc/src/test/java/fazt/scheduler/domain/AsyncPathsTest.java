package fazt.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AsyncPathsTest {
    private static final List<String> DECLARED = List.of("resize", "jobs/*", "img-*.png", "batch/**");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "/api/resize           | true",
                "/api/%72esize         | true",
                "/api/jobs/7           | true",
                "/api/jobs/a%20b       | true",
                "/api/img-1.png        | true",
                "/api/img-.png         | true",
                "/api/batch/a          | true",
                "/api/batch/a/b/c      | true",
                "/api/resize/          | false",
                "/api/resize/x         | false",
                "/api/Resize           | false",
                "/api/jobs             | false",
                "/api/jobs/7/8         | false",
                "/api/img-1.jpg        | false",
                "/api/batch            | false",
                "/api/batch/           | false",
                "/api/                 | false",
                "/api                  | false",
                "/resize               | false",
                "/api//resize          | false",
                "/api/./resize         | false",
                "/api/jobs/..          | false",
                "/api/jobs/%2e%2E      | false",
                "/api/jobs/.%2e        | false",
                "/api/jobs/a%2Fb       | false",
                "/api/jobs/a%5cb       | false",
                "/api/jobs/a%00        | false",
                "/api/jobs/%zz         | false",
                "/api/jobs/%4          | false",
                "/api/jobs/%c0%ae      | false",
                "/api/batch/a/../..    | false"
            })
    void matchesDecodedCleanPathsOnly(String path, boolean declared) {
        assertThat(AsyncPaths.matches(DECLARED, path)).isEqualTo(declared);
    }

    @ParameterizedTest
    @CsvSource({"/api/anything", "/api/a/b/c"})
    void doubleStarAloneDeclaresEveryPath(String path) {
        assertThat(AsyncPaths.matches(List.of("**"), path)).isTrue();
        assertThat(AsyncPaths.matches(List.of(), path)).isFalse();
    }
}
