package fazt.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.auth.Principal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {
    @ParameterizedTest
    @ValueSource(strings = {"admin", "read", "deploy:*", "deploy:blog", "deploy:my-app-2", "logs:*", "logs:blog"})
    void validScopes(String scope) {
        assertThat(Scope.parse(scope)).isEqualTo(scope);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Admin",
                "write",
                "deploy:",
                "deploy:Blog",
                "deploy:-x",
                "deploy:x-",
                "deploy:a b",
                "logs:**",
                "deploy:blog:extra",
                "storage:*"
            })
    void invalidScopesNameTheField(String scope) {
        assertThatThrownBy(() -> Scope.parse(scope))
                .isInstanceOf(AuthException.InvalidInput.class)
                .satisfies(e -> assertThat(((AuthException) e).field()).isEqualTo("scopes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy:blog", "logs:blog", "deploy:*"})
    void aDeveloperHoldsDeployAndLogsButNotAdminOrRead(String scope) {
        Principal dev = new Principal("u_1", "dev", Role.DEVELOPER.scopes());
        assertThat(dev.allows(scope)).isTrue();
        assertThat(dev.allows("admin")).isFalse();
        assertThat(dev.allows("read")).isFalse();
        assertThat(new Principal("u_2", "x", List.of("deploy:blog")).allows("logs:blog"))
                .isFalse();
    }
}
