package fazt.auth;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;

/** Registers the auth service with the fazt launcher; its settings are {@link AuthSettings}. */
public final class AuthService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.AUTH;
    }

    @Override
    public List<Setting> settings() {
        return AuthSettings.ALL;
    }
}
