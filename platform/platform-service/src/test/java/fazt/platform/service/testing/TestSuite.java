package fazt.platform.service.testing;

import fazt.platform.service.ServiceContext;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.db.DatabaseProvisioner;
import fazt.platform.test.TestNats;
import fazt.platform.test.TestPostgres;
import fazt.platform.test.standins.AuthKeysStandIn;
import fazt.proto.ServiceName;
import fazt.proto.auth.Principal;
import io.nats.client.Connection;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs services for a test class against real PostgreSQL and NATS: a fresh database provisioned like production
 * (a role and schema per service), a subject root of its own, any free ports. Register it with
 * {@code @RegisterExtension static final TestSuite suite = TestSuite.of(new DeployService());}. Without auth-svc in the
 * suite, an {@link AuthKeysStandIn} publishes the test key that {@link #sign} signs principals with, so the services'
 * admin routers verify test principals as they verify auth-svc's.
 */
public final class TestSuite implements BeforeAllCallback, AfterAllCallback {
    private final List<ServiceDefinition> definitions;
    private final Map<String, String> extraEnv = new HashMap<>();
    private TestPostgres postgres;
    private TestNats nats;
    private Map<String, String> env;
    private final List<ServiceContext> running = new ArrayList<>();
    private Connection keysConnection;
    private AutoCloseable keys;

    private TestSuite(List<ServiceDefinition> definitions) {
        this.definitions = definitions;
    }

    public static TestSuite of(ServiceDefinition... definitions) {
        return new TestSuite(Arrays.asList(definitions));
    }

    /** Adds an environment variable for the services (before they start). */
    public TestSuite with(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    public void start() throws Exception {
        postgres = TestPostgres.fresh();
        String rolePassword = randomKey();
        nats = TestNats.fresh();
        new DatabaseProvisioner(postgres.url(), postgres.adminUser(), postgres.adminPassword())
                .provision(List.of(ServiceName.values()), rolePassword);
        env = new HashMap<>();
        env.put("NATS_URL", nats.url());
        env.put("FAZT_DB_URL", postgres.url());
        env.put("FAZT_SUBJECT_ROOT", nats.root().value());
        env.put("FAZT_MANAGEMENT_PORT", "0");
        env.put("FAZT_HTTP_PORT", "0");
        env.put("FAZT_MASTER_KEY", randomKey());
        env.put("FAZT_DB_PASSWORD", rolePassword);
        env.putAll(extraEnv);
        if (definitions.stream().noneMatch(d -> d.name() == ServiceName.AUTH)) {
            keysConnection = nats.connect();
            keys = AuthKeysStandIn.start(keysConnection, nats.root());
        }
        running.addAll(ServiceContext.startAll(definitions, env));
    }

    public void close() throws Exception {
        for (ServiceContext service : running.reversed()) {
            service.close();
        }
        running.clear();
        if (keys != null) {
            keys.close();
            keys = null;
            keysConnection.close();
            keysConnection = null;
        }
        if (nats != null) {
            nats.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The running context of {@code name}. */
    public ServiceContext service(ServiceName name) {
        return running.stream()
                .filter(s -> s.name() == name)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not running in this suite"));
    }

    public List<ServiceContext> services() {
        return List.copyOf(running);
    }

    /** Stops one service, as a crash or a scale-down would. */
    public void stop(ServiceName name) {
        ServiceContext service = service(name);
        service.close();
        running.remove(service);
    }

    /**
     * {@code principal} carrying an assertion signed with the test key for this suite's install; only a suite without
     * auth-svc publishes that key (with auth-svc, log in or use its bootstrap token instead).
     */
    public Principal sign(Principal principal) {
        return AuthKeysStandIn.sign(principal, nats.root());
    }

    public TestNats nats() {
        return nats;
    }

    public TestPostgres postgres() {
        return postgres;
    }

    /** The environment the services were started with. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
