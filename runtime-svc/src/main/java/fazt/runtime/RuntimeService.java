package fazt.runtime;

import fazt.platform.service.ServiceDefinition;
import fazt.proto.ServiceName;

/** Registers the runtime service with the fazt launcher. */
public final class RuntimeService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.RUNTIME;
    }
}
