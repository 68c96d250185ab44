package fazt.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminForwarderTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "/apps/blog/deploy,blog",
                "/apps/blog,blog",
                "apps/blog/env/KEY,blog",
                "//apps/Blog/,Blog",
                "/apps,NULL",
                "/apps/,NULL",
                "/tokens/x,NULL",
            })
    void aChangeOfAnAppNamesTheAppOfItsPath(String apiPath, String app) {
        assertThat(AdminForwarder.appOf(apiPath)).isEqualTo(app);
    }
}
