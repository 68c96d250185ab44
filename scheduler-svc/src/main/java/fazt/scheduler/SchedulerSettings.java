package fazt.scheduler;

import static fazt.platform.service.settings.Setting.AS_INT;

import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import fazt.scheduler.domain.ScheduleClock;
import java.util.List;

/** scheduler-svc's settings (ADR 23). */
final class SchedulerSettings {
    static final List<Setting> ALL = List.of(
            Setting.number(
                            "FAZT_RUN_RETENTION_DAYS",
                            (long) SchedulerService.DEFAULT_RETENTION_DAYS,
                            1,
                            3650L,
                            "how long scheduler-svc keeps finished runs")
                    .unit("days")
                    .mapsTo("scheduler.retention-days", AS_INT),
            Setting.of(
                            "FAZT_BACKUP_CRON",
                            SettingType.STRING,
                            null,
                            "when to back up the installation: a 5-field cron expression in UTC (`0 3 * * *`);"
                                    + " unset: no scheduled backups")
                    .defaultText("off")
                    .parsedBy(ScheduleClock::checkCron)
                    .mapsTo("scheduler.backup-cron"));

    private SchedulerSettings() {}
}
