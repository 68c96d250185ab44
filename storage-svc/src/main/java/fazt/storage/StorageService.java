package fazt.storage;

import fazt.platform.service.ServiceDefinition;
import fazt.proto.ServiceName;

/** Registers the storage service with the fazt launcher. */
public final class StorageService implements ServiceDefinition {
    @Override
    public ServiceName name() {
        return ServiceName.STORAGE;
    }
}
