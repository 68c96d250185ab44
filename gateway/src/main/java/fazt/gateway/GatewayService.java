package fazt.gateway;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;

/** Registers the gateway with the fazt launcher; its settings are {@link GatewaySettings}. */
public final class GatewayService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.GATEWAY;
    }

    @Override
    public List<Setting> settings() {
        return GatewaySettings.ALL;
    }
}
