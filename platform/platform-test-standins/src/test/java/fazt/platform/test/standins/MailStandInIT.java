package fazt.platform.test.standins;

import fazt.platform.nats.NatsRequester;
import fazt.platform.test.TestNats;
import io.nats.client.Connection;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The mail stand-in keeps the contract mail-svc's {@code MailContractIT} is to hold the real service to. */
class MailStandInIT implements MailContract {
    static TestNats nats;
    static Connection connection;
    static MailStandIn mail;

    @BeforeAll
    static void start() throws Exception {
        nats = TestNats.fresh();
        connection = nats.connect();
        mail = MailStandIn.start(connection, nats.root());
    }

    @AfterAll
    static void stop() throws Exception {
        mail.close();
        connection.close();
        nats.close();
    }

    @Override
    public NatsRequester mail() {
        return new NatsRequester(connection, nats.root());
    }

    @Override
    public String app() {
        return "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Override
    public String address(String appId) {
        return appId + "@mail.example.test";
    }

    @Override
    public String receive(String appId, MailStandIn.Incoming message) {
        return mail.receive(appId, message);
    }
}
