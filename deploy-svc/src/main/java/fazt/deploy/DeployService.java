package fazt.deploy;

import fazt.platform.service.ServiceDefinition;
import fazt.proto.ServiceName;

/** Registers the deploy service with the fazt launcher. */
public final class DeployService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.DEPLOY;
    }
}
