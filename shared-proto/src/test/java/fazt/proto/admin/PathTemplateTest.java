package fazt.proto.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {
    @Test
    void parametersTakeOneSegmentAndTheRestParameterTakesTheRest() {
        assertThat(PathTemplate.parse("/apps/{name}/env/{key}").match("/apps/blog/env/API_KEY"))
                .contains(Map.of("name", "blog", "key", "API_KEY"));
        assertThat(PathTemplate.parse("/apps/{name}/files/{path+}").match("/apps/blog/files/css/a/site.css"))
                .contains(Map.of("name", "blog", "path", "css/a/site.css"));
        assertThat(PathTemplate.parse("/apps/{name}/files/{path+}").match("/apps/blog/files"))
                .isEmpty();
        assertThat(PathTemplate.parse("/apps/{name}").match("/apps/blog/")).contains(Map.of("name", "blog"));
        assertThat(PathTemplate.parse("/apps/{name}").match("/apps")).isEmpty();
        assertThat(PathTemplate.parse("/apps/{name}").match("/apps//")).isEmpty();
        assertThat(PathTemplate.parse("/apps/{name}").match("/apps/blog/versions"))
                .isEmpty();
        assertThat(PathTemplate.parse("/apps").match("/apps")).contains(Map.of());
        assertThat(PathTemplate.parse("/apps").match("/appsx")).isEmpty();
    }

    @Test
    void aLiteralIsMoreSpecificThanAParameterWhichIsMoreSpecificThanTheRest() {
        PathTemplate literal = PathTemplate.parse("/apps/{name}/logs");
        PathTemplate param = PathTemplate.parse("/apps/{name}/{what}");
        PathTemplate rest = PathTemplate.parse("/apps/{name}/{what+}");
        assertThat(literal.compareSpecificity(param)).isNegative();
        assertThat(param.compareSpecificity(rest)).isNegative();
        assertThat(rest.compareSpecificity(literal)).isPositive();
        assertThat(literal.compareSpecificity(literal)).isZero();
        assertThat(literal.parameters()).containsExactly("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apps", "/", "/apps/", "/apps//x", "/apps/{}", "/apps/{na-me}", "/apps/{rest+}/x", "/a{b}"})
    void malformedTemplatesAreRefused(String template) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class);
    }
}
