package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapTokenSettingTest {
    private final BootstrapSettings settings = BootstrapSettings.from(Map.of("FAZT_MASTER_KEY", "k".repeat(32)), ServiceName.AUTH);

    @Test
    void aShortAdminTokenStopsTheServiceNamingTheVariable() {
        assertThatThrownBy(() -> new AuthService().properties(settings, Map.of("FAZT_ADMIN_TOKEN", "short")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FAZT_ADMIN_TOKEN: expected at least 24 printable characters");
    }

    @Test
    void anUnsetAdminTokenMeansGenerateOne() {
        assertThat(new AuthService().properties(settings, Map.of())).isEmpty();
    }
}
