package fazt.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerServiceTest {
    @Test
    void retentionDefaultsToThirtyDaysAndIsChecked() {
        SchedulerService service = new SchedulerService();
        assertThat(service.properties(null, Map.of())).containsEntry("scheduler.retention-days", 30);
        assertThat(service.properties(null, Map.of("FAZT_RUN_RETENTION_DAYS", " 7 ")))
                .containsEntry("scheduler.retention-days", 7);
        for (String bad : new String[] {"0", "3651", "week"}) {
            assertThatThrownBy(() -> service.properties(null, Map.of("FAZT_RUN_RETENTION_DAYS", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("FAZT_RUN_RETENTION_DAYS")
                    .hasMessageContaining("expected a number of days from 1 to 3650, got \"" + bad + "\"");
        }
    }
}
