package fazt.storage;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;

/** Registers the storage service with the fazt launcher; its settings are {@link StorageSettings}. */
public final class StorageService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.STORAGE;
    }

    @Override
    public List<Setting> settings() {
        return StorageSettings.ALL;
    }
}
