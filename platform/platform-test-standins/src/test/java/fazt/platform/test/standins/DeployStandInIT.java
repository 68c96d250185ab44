package fazt.platform.test.standins;

import fazt.platform.nats.NatsRequester;
import fazt.platform.test.TestNats;
import fazt.proto.deploy.TriggersReply;
import io.nats.client.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The deploy stand-in keeps the contract deploy-svc's {@code DeployContractIT} holds the real service to. */
class DeployStandInIT implements DeployContract {
    static TestNats nats;
    static Connection connection;
    static DeployStandIn deploy;

    @BeforeAll
    static void start() throws Exception {
        nats = TestNats.fresh();
        connection = nats.connect();
        deploy = DeployStandIn.start(connection, nats.root());
    }

    @AfterAll
    static void stop() throws Exception {
        deploy.close();
        connection.close();
        nats.close();
    }

    @Override
    public NatsRequester deploy() {
        return new NatsRequester(connection, nats.root());
    }

    @Override
    public String deployStaticApp(String name) {
        String id = "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        deploy.deploy(DeployStandIn.app(
                new TriggersReply.AppTriggers(
                        id, name, 1, List.of(), 3, 1_000L, 1, 30_000, List.of(), null, null, null),
                false));
        return id;
    }

    @Override
    public void setEnv(String appId, String name, Map<String, String> values) {
        deploy.env(appId, values);
    }

    @Override
    public void deleteApp(String appId, String name) {
        deploy.delete(appId);
    }
}
