package fazt.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerServiceTest {
    private static Map<String, Object> properties(Map<String, String> env) {
        return SettingValues.read(new SchedulerService().settings(), env, ServiceName.SCHEDULER)
                .properties();
    }

    @Test
    void retentionDefaultsToThirtyDaysAndIsChecked() {
        assertThat(properties(Map.of())).containsEntry("scheduler.retention-days", 30);
        assertThat(properties(Map.of("FAZT_RUN_RETENTION_DAYS", " 7 "))).containsEntry("scheduler.retention-days", 7);
        for (String bad : new String[] {"0", "3651", "week"}) {
            assertThatThrownBy(() -> properties(Map.of("FAZT_RUN_RETENTION_DAYS", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("FAZT_RUN_RETENTION_DAYS: expected days from 1 to 3650, got \"" + bad + "\"");
        }
    }
}
