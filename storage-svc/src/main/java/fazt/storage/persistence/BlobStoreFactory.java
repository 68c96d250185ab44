package fazt.storage.persistence;

import fazt.storage.domain.blob.BlobStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The {@link BlobStore} the use cases get: the one {@link BlobBackend} chose. */
@Factory
final class BlobStoreFactory {
    @Singleton
    BlobStore blobStore(BlobBackend backend) {
        return backend.store();
    }
}
