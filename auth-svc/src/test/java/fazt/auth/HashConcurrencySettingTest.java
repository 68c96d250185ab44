package fazt.auth;

import static fazt.auth.BootstrapTokenSettingTest.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashConcurrencySettingTest {
    @Test
    void aSetConcurrencyIsPassedOn() {
        assertThat(properties(Map.of("FAZT_AUTH_HASH_CONCURRENCY", " 3 "))).containsEntry("auth.hash-concurrency", 3);
    }

    @Test
    void unsetMeansDeriveItFromTheHeap() {
        assertThat(properties(Map.of())).doesNotContainKey("auth.hash-concurrency");
    }

    @Test
    void anythingButAWholeNumberFromOneStopsTheServiceNamingTheVariable() {
        for (String bad : new String[] {"0", "-2", "many", "1.5", "257"}) {
            assertThatThrownBy(() -> properties(Map.of("FAZT_AUTH_HASH_CONCURRENCY", bad)))
                    .as(bad)
                    .isInstanceOf(SettingsException.class)
                    .hasMessage(
                            "FAZT_AUTH_HASH_CONCURRENCY: expected a whole number from 1 to 256, got \"" + bad + "\"");
        }
    }
}
