package fazt.deploy;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;

/** Registers the deploy service with the fazt launcher; its settings are {@link DeploySettings}. */
public final class DeployService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.DEPLOY;
    }

    @Override
    public List<Setting> settings() {
        return DeploySettings.ALL;
    }
}
