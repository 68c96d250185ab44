package fazt.storage;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.StorageContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * storage-svc keeps the contract the other services' tests rely on; platform-test-standins' {@code StorageStandInIT}
 * holds the storage stand-in to the same contract.
 */
class StorageContractIT implements StorageContract {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient client = new StorageClient(suite);

    @Override
    public NatsRequester storage() {
        return client.requester();
    }
}
