package fazt.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"A", "_", "API_KEY", "X9", "_PRIVATE", "KVX", "DB_URL", "FAZT"})
    void acceptsUpperCaseIdentifiers(String name) {
        assertThat(new EnvName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "api_key",
                "9LIVES",
                "A-B",
                "A B",
                "É",
                "KV",
                "DB",
                "FILES",
                "MAIL",
                "REALTIME",
                "FAZT_",
                "FAZT_SECRET"
            })
    void refusesOthersNamingTheKeyField(String name) {
        assertThatThrownBy(() -> new EnvName(name))
                .isInstanceOfSatisfying(DeployException.EnvRejected.class, e -> assertThat(e.field())
                        .isEqualTo("key"));
    }

    @Test
    void lengthIsCappedAt128() {
        assertThat(new EnvName("A".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> new EnvName("A".repeat(129)))
                .hasMessageContaining("at most 128 characters")
                .hasMessageContaining("…");
    }
}
