package fazt.platform.test.standins;

import fazt.platform.nats.NatsRequester;
import fazt.platform.test.TestNats;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage stand-in keeps the contract storage-svc's {@code StorageContractIT} holds the real service to. */
class StorageStandInIT implements StorageContract {
    static TestNats nats;
    static Connection connection;
    static StorageStandIn storage;

    @BeforeAll
    static void start() throws Exception {
        nats = TestNats.fresh();
        connection = nats.connect();
        storage = StorageStandIn.start(connection, nats.root());
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
        connection.close();
        nats.close();
    }

    @Override
    public NatsRequester storage() {
        return new NatsRequester(connection, nats.root());
    }
}
