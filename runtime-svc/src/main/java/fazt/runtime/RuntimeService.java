package fazt.runtime;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;

/** Registers the runtime service with the fazt launcher; its settings are {@link RuntimeSettings}. */
public final class RuntimeService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.RUNTIME;
    }

    @Override
    public List<Setting> settings() {
        return RuntimeSettings.ALL;
    }
}
