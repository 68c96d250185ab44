package fazt.storage;

import fazt.platform.service.testing.TestSuite;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob contract, with blob bytes in PostgreSQL (the default store). */
class BlobIT extends BlobStoreContract {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    @Override
    StorageClient storage() {
        return storage;
    }

    @Override
    long bytesStored(String digest) throws Exception {
        return TestS3.chunkBytes(suite, digest);
    }
}
