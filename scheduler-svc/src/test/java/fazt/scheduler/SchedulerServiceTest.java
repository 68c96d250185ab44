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

    @Test
    void backupCronIsOffByDefaultAndAFiveFieldExpressionOtherwise() {
        assertThat(properties(Map.of())).doesNotContainKey("scheduler.backup-cron");
        assertThat(properties(Map.of("FAZT_BACKUP_CRON", " 0 3 * * * ")))
                .containsEntry("scheduler.backup-cron", "0 3 * * *");
        assertThat(properties(Map.of("FAZT_BACKUP_CRON", "*/15 * * * 1-5")))
                .containsEntry("scheduler.backup-cron", "*/15 * * * 1-5");
        for (String bad : new String[] {"0 3 * *", "0 0 3 * * *", "61 * * * *", "daily", "@daily", "0 25 * * *"}) {
            assertThatThrownBy(() -> properties(Map.of("FAZT_BACKUP_CRON", bad)))
                    .as(bad)
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("FAZT_BACKUP_CRON: expected a 5-field cron expression (minute hour day month weekday,"
                            + " UTC) such as \"0 3 * * *\", got \"" + bad + "\"");
        }
    }
}
