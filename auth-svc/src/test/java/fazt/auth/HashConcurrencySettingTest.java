package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashConcurrencySettingTest {
    private final BootstrapSettings settings = BootstrapSettings.from(Map.of("FAZT_MASTER_KEY", "k".repeat(32)), ServiceName.AUTH);

    @Test
    void aSetConcurrencyIsPassedOn() {
        assertThat(new AuthService().properties(settings, Map.of("FAZT_AUTH_HASH_CONCURRENCY", " 3 ")))
                .containsEntry("auth.hash-concurrency", 3);
    }

    @Test
    void unsetMeansDeriveItFromTheHeap() {
        assertThat(new AuthService().properties(settings, Map.of())).doesNotContainKey("auth.hash-concurrency");
    }

    @Test
    void anythingButAWholeNumberFromOneStopsTheServiceNamingTheVariable() {
        for (String bad : new String[] {"0", "-2", "many", "1.5", "257"}) {
            assertThatThrownBy(() -> new AuthService().properties(settings, Map.of("FAZT_AUTH_HASH_CONCURRENCY", bad)))
                    .as(bad).isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith("FAZT_AUTH_HASH_CONCURRENCY: expected a whole number from 1 to 256");
        }
    }
}
