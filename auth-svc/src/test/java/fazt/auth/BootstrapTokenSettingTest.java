package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapTokenSettingTest {
    static Map<String, Object> properties(Map<String, String> env) {
        return SettingValues.read(new AuthService().settings(), env, ServiceName.AUTH)
                .properties();
    }

    @Test
    void aShortAdminTokenStopsTheServiceNamingTheVariable() {
        assertThatThrownBy(() -> properties(Map.of("FAZT_ADMIN_TOKEN", "short")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("FAZT_ADMIN_TOKEN: expected at least 24 printable characters without spaces "
                        + "(e.g. openssl rand -hex 24)");
    }

    @Test
    void anUnsetAdminTokenMeansGenerateOne() {
        assertThat(properties(Map.of())).isEmpty();
    }

    @Test
    void aSetAdminTokenIsTrimmedAndPassedOn() {
        assertThat(properties(Map.of("FAZT_ADMIN_TOKEN", " " + "t".repeat(24) + "\n")))
                .containsEntry("auth.bootstrap-token", "t".repeat(24));
    }

    @Test
    void anAdminAccountNeedsBothUserAndPasswordAndNeverEchoesThePassword() {
        assertThat(properties(Map.of("FAZT_ADMIN_USER", " ops ", "FAZT_ADMIN_PASSWORD", "correct horse")))
                .containsEntry("auth.admin-user", "ops")
                .containsEntry("auth.admin-password", "correct horse");
        assertThatThrownBy(() -> properties(Map.of("FAZT_ADMIN_USER", "ops")))
                .hasMessage("FAZT_ADMIN_USER: is set but FAZT_ADMIN_PASSWORD is not; set both");
        assertThatThrownBy(() -> properties(Map.of("FAZT_ADMIN_PASSWORD", "correct horse")))
                .hasMessage("FAZT_ADMIN_PASSWORD: is set but FAZT_ADMIN_USER is not; set both");
        assertThatThrownBy(() -> properties(Map.of("FAZT_ADMIN_USER", "ops", "FAZT_ADMIN_PASSWORD", "hunter2")))
                .hasMessage("FAZT_ADMIN_PASSWORD: expected 10 to 256 characters, got 7");
    }
}
