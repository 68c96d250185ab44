package fazt.deploy.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManageEnvValueTest {
    @Test
    void valuesUpTo32KiBOfUtf8AreAccepted() {
        assertThatCode(() -> ManageEnv.checkValue("")).doesNotThrowAnyException();
        assertThatCode(() -> ManageEnv.checkValue("x".repeat(32 * 1024))).doesNotThrowAnyException();
        // 16 Ki two-byte characters are exactly 32 KiB of UTF-8.
        assertThatCode(() -> ManageEnv.checkValue("é".repeat(16 * 1024))).doesNotThrowAnyException();
    }

    @Test
    void largerValuesAreRefusedByUtf8SizeWithoutEchoingThem() {
        assertThatThrownBy(() -> ManageEnv.checkValue("é".repeat(16 * 1024 + 1)))
                .isInstanceOf(DeployException.EnvRejected.class)
                .hasMessage("The value is 32770 bytes of UTF-8; at most 32768 (32 KiB) are allowed.");
    }

    @Test
    void missingValuesAndLoneSurrogatesAreRefused() {
        assertThatThrownBy(() -> ManageEnv.checkValue(null)).hasMessageContaining("\"value\"");
        assertThatThrownBy(() -> ManageEnv.checkValue("a\ud800b")).hasMessageContaining("lone surrogate");
    }
}
