package fazt.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotateAdminTokenTest {
    @Test
    void aConfiguredTokenIsRotatedByChangingTheSetting() {
        assertThatThrownBy(() -> RotateAdminToken.run(Map.of("FAZT_ADMIN_TOKEN", "a-configured-token-0123456789")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FAZT_ADMIN_TOKEN: is set")
                .hasMessageNotContaining("a-configured-token-0123456789");
    }
}
