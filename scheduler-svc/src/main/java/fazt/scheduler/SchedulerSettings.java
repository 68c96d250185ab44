package fazt.scheduler;

import static fazt.platform.service.settings.Setting.AS_INT;

import fazt.platform.service.settings.Setting;
import java.util.List;

/** scheduler-svc's settings (ADR 23). */
final class SchedulerSettings {
    static final List<Setting> ALL = List.of(Setting.number(
                    "FAZT_RUN_RETENTION_DAYS",
                    (long) SchedulerService.DEFAULT_RETENTION_DAYS,
                    1,
                    3650L,
                    "how long scheduler-svc keeps finished runs")
            .unit("days")
            .mapsTo("scheduler.retention-days", AS_INT));

    private SchedulerSettings() {}
}
