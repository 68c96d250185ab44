package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A web API conformance suite: the implementing class lists its {@link JsCase}s in a static {@code cases()}, and
 * each must give its expected result in the class's shared harness. Other tests of the class take a
 * {@code JsHarness} parameter to reach the same harness.
 */
@ExtendWith(SharedJsHarness.class)
interface JsConformance {
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    default void conforms(JsCase c, JsHarness js) {
        assertThat(js.run(c.js())).as(c.js()).isEqualTo(c.expected());
    }
}
