package fazt.scheduler;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;

/**
 * Registers the scheduler service with the fazt launcher. {@code FAZT_RUN_RETENTION_DAYS} (1 to 3650, default
 * {@value #DEFAULT_RETENTION_DAYS}) sets how long finished runs are kept.
 */
public final class SchedulerService implements ServiceDefinition {
    public static final int DEFAULT_RETENTION_DAYS = 30;
    static final String RETENTION_ENV = "FAZT_RUN_RETENTION_DAYS";

    @Override
    public ServiceName name() {
        return ServiceName.SCHEDULER;
    }

    @Override
    public Map<String, Object> properties(BootstrapSettings settings, Map<String, String> env) {
        String raw = env.get(RETENTION_ENV);
        int days = DEFAULT_RETENTION_DAYS;
        if (raw != null && !raw.isBlank()) {
            try {
                days = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 3650) {
                throw new SettingsException(RETENTION_ENV, "expected a number of days from 1 to 3650, got \"" + raw + "\"");
            }
        }
        return Map.of("scheduler.retention-days", days);
    }
}
