package fazt.scheduler;

import fazt.platform.service.ServiceDefinition;
import fazt.proto.ServiceName;

/** Registers the scheduler service with the fazt launcher. */
public final class SchedulerService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.SCHEDULER;
    }
}
