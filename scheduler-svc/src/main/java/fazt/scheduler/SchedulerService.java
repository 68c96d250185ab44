package fazt.scheduler;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;

/** Registers the scheduler service with the fazt launcher; its settings are {@link SchedulerSettings}. */
public final class SchedulerService implements ServiceDefinition {
    public static final int DEFAULT_RETENTION_DAYS = 30;

    @Override
    public ServiceName name() {
        return ServiceName.SCHEDULER;
    }

    @Override
    public List<Setting> settings() {
        return SchedulerSettings.ALL;
    }
}
