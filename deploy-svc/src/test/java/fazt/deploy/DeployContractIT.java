package fazt.deploy;

import static fazt.deploy.DeployClient.json;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.DeployContract;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * deploy-svc keeps the contract the other services' tests rely on; platform-test-standins' {@code DeployStandInIT}
 * holds the deploy stand-in to the same contract. Apps are deployed, given env vars and deleted through the admin API,
 * as an operator would.
 */
class DeployContractIT implements DeployContract {
    static final TestSuite suite = TestSuite.of(new DeployService());

    @RegisterExtension
    static final DeployClient client = new DeployClient(suite);

    @Override
    public NatsRequester deploy() {
        return client.requester();
    }

    @Override
    public String deployStaticApp(String name) throws Exception {
        return json(client.deploy(name, Map.of("index.html", "<h1>" + name + "</h1>")))
                .path("app")
                .path("id")
                .asText();
    }

    @Override
    public void setEnv(String appId, String name, Map<String, String> values) {
        values.forEach(
                (key, value) -> client.call("PUT", "/apps/" + name + "/env/" + key, "{\"value\": \"" + value + "\"}"));
    }

    @Override
    public void deleteApp(String appId, String name) {
        client.call("DELETE", "/apps/" + name, null);
    }
}
