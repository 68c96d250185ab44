package fazt.deploy;

import static fazt.deploy.DeployClient.json;
import static fazt.deploy.DeployClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.admin.AdminResponse;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.deploy.AppEnvRequest;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.problem.Problem;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Env vars and secrets through the admin API and {@code svc.deploy.env.get}, against real NATS and PostgreSQL. */
class EnvVarsIT {
    static final TestSuite suite = TestSuite.of(new DeployService());

    @RegisterExtension
    static final DeployClient client = new DeployClient(suite);

    private static final String SECRET = "sk_live_7f3a9c2e1b";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void noSecretWasLogged() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        assertThat(logs.list).as("the services' log lines were captured").isNotEmpty();
        assertThat(logs.list).as("log lines").noneSatisfy(e -> assertThat(e.getFormattedMessage())
                .contains(SECRET));
    }

    private static AdminResponse put(String app, String key, String body) {
        return client.call("PUT", "/apps/" + app + "/env/" + key, body);
    }

    private static AppEnvReply runtimeView(String appId) {
        return DeployClient.await(client.requester()
                .request(DeploySubjects.ENV_GET, new AppEnvRequest(appId), AppEnvReply.class, DeployClient.TIMEOUT));
    }

    private static String appId(String app) {
        return json(client.call("GET", "/apps/" + app, null)).path("id").asText();
    }

    @Test
    void setListReadAndUnsetWithSecretsMasked() throws Exception {
        client.deploy("envy", Map.of("index.html", "hi"));
        Subscription events = client.nats()
                .subscribe(suite.nats().root().qualify(DeploySubjects.appEvent(AppChanged.Change.ENV_CHANGED)));
        client.nats().flush(Duration.ofSeconds(2));

        AdminResponse created = put("envy", "API_KEY", "{\"value\": \"" + SECRET + "\", \"secret\": true}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(json(created).path("value").asText()).isEqualTo("••••••");
        assertThat(created.body()).doesNotContain(SECRET);
        assertThat(put("envy", "GREETING", "{\"value\": \"hello\"}").status()).isEqualTo(201);
        assertThat(put("envy", "GREETING", "{\"value\": \"héllo wörld\", \"secret\": false}")
                        .status())
                .isEqualTo(200);

        AdminResponse listed = client.call("GET", "/apps/envy/env", null);
        assertThat(listed.body()).doesNotContain(SECRET);
        JsonNode env = json(listed).path("env");
        assertThat(env).hasSize(2);
        assertThat(env.get(0).path("key").asText()).isEqualTo("API_KEY");
        assertThat(env.get(0).path("secret").asBoolean()).isTrue();
        assertThat(env.get(0).path("value").asText()).isEqualTo("••••••");
        assertThat(env.get(0).hasNonNull("updatedAt")).isTrue();
        assertThat(env.get(1).path("value").asText()).isEqualTo("héllo wörld");

        String id = appId("envy");
        AppEnvReply forRuntime = runtimeView(id);
        assertThat(forRuntime.found()).isTrue();
        assertThat(forRuntime.values())
                .containsExactlyInAnyOrderEntriesOf(Map.of("API_KEY", SECRET, "GREETING", "héllo wörld"));

        // Each change was announced, so runtimes drop their cached env.
        for (int i = 0; i < 3; i++) {
            Message event = events.nextMessage(Duration.ofSeconds(5));
            assertThat(event).as("ENV_CHANGED event %d", i).isNotNull();
            AppChanged changed = MessageCodec.INSTANCE.decode(event.getData(), AppChanged.class);
            assertThat(changed.change()).isEqualTo(AppChanged.Change.ENV_CHANGED);
            assertThat(changed.appId()).isEqualTo(id);
            assertThat(changed.names()).containsExactly("envy");
        }

        assertThat(client.call("DELETE", "/apps/envy/env/GREETING", null).status())
                .isEqualTo(204);
        assertThat(events.nextMessage(Duration.ofSeconds(5))).isNotNull();
        Problem gone = problemOf(() -> client.call("DELETE", "/apps/envy/env/GREETING", null));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.type()).isEqualTo("https://errors.fazt.dev/deploy/env-not-found");
        assertThat(runtimeView(id).values()).containsOnlyKeys("API_KEY");
    }

    @Test
    void valuesAreEncryptedAtRestBoundToTheirApp() throws Exception {
        client.deploy("vault", Map.of("index.html", "hi"));
        put("vault", "TOKEN", "{\"value\": \"" + SECRET + "\", \"secret\": true}");
        put("vault", "PLAIN", "{\"value\": \"plain-text-value\"}");
        try (Connection db = suite.postgres().connect();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT e.name, e.key_version, e.nonce, e.ciphertext FROM deploy.app_env e"
                        + " JOIN deploy.app a USING (app_id) WHERE a.name = 'vault' ORDER BY e.name")) {
            int rows = 0;
            while (r.next()) {
                rows++;
                assertThat(r.getInt("key_version")).isEqualTo(1);
                assertThat(r.getBytes("nonce")).hasSize(12);
                String stored = new String(r.getBytes("ciphertext"), StandardCharsets.ISO_8859_1);
                assertThat(stored).doesNotContain(SECRET).doesNotContain("plain-text-value");
            }
            assertThat(rows).isEqualTo(2);
        }
        // A row copied to another app does not decrypt there: the app id is the associated data.
        client.deploy("thief", Map.of("index.html", "hi"));
        try (Connection db = suite.postgres().connect();
                Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO deploy.app_env (app_id, name, secret, key_version, nonce, ciphertext)"
                    + " SELECT (SELECT app_id FROM deploy.app WHERE name = 'thief' AND deleted_at IS NULL), e.name, e.secret,"
                    + " e.key_version, e.nonce, e.ciphertext FROM deploy.app_env e JOIN deploy.app a USING (app_id)"
                    + " WHERE a.name = 'vault' AND e.name = 'TOKEN'");
        }
        Problem refused = problemOf(() -> runtimeView(appId("thief")));
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.detail()).isNull();
    }

    @Test
    void badNamesAndValuesAreRefusedNamingTheField() throws Exception {
        client.deploy("strict", Map.of("index.html", "hi"));
        for (String key : List.of("lower", "9X", "KV", "FAZT_X", "A-B")) {
            Problem p = problemOf(() -> put("strict", key, "{\"value\": \"v\"}"));
            assertThat(p.status()).as(key).isEqualTo(422);
            assertThat(p.type()).isEqualTo("https://errors.fazt.dev/deploy/env-rejected");
            assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("key");
        }
        Problem big = problemOf(
                () -> put("strict", "BIG", "{\"value\": \"" + "x".repeat(32 * 1024 + 1) + "\", \"secret\": true}"));
        assertThat(big.errors()).extracting(Problem.FieldError::field).containsExactly("value");
        assertThat(big.detail()).doesNotContain("xxxx");
        assertThat(problemOf(() -> put("strict", "N", "{\"value\": 3}")).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("value");
        assertThat(problemOf(() -> put("strict", "N", "{\"value\": \"v\", \"secret\": \"yes\"}"))
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("secret");
        assertThat(problemOf(() -> put("nope", "A", "{\"value\": \"v\"}")).status())
                .isEqualTo(404);
        assertThat(json(client.call("GET", "/apps/strict/env", null)).path("env"))
                .isEmpty();

        for (int i = 0; i < 100; i++) {
            put("strict", "V" + i, "{\"value\": \"" + i + "\"}");
        }
        Problem full = problemOf(() -> put("strict", "V100", "{\"value\": \"x\"}"));
        assertThat(full.status()).isEqualTo(422);
        assertThat(full.detail()).contains("100 env vars");
        // Replacing one of the hundred is still fine.
        assertThat(put("strict", "V7", "{\"value\": \"seven\"}").status()).isEqualTo(200);
    }

    @Test
    void scopesDecideWhoListsAndWhoChanges() throws Exception {
        client.deploy("scoped", Map.of("index.html", "hi"));
        put("scoped", "TOKEN", "{\"value\": \"" + SECRET + "\", \"secret\": true}");
        Principal reader = new Principal("u_r", "reader", List.of("read"));
        Principal deployer = new Principal("u_d", "deployer", List.of("deploy:scoped"));
        Principal other = new Principal("u_o", "other", List.of("deploy:elsewhere"));

        AdminResponse readable = client.call(reader, "GET", "/apps/scoped/env", null);
        assertThat(readable.body()).contains("TOKEN").doesNotContain(SECRET);
        assertThat(problemOf(() -> client.call(reader, "PUT", "/apps/scoped/env/X", "{\"value\": \"v\"}"))
                        .status())
                .isEqualTo(403);
        assertThat(problemOf(() -> client.call(reader, "DELETE", "/apps/scoped/env/TOKEN", null))
                        .status())
                .isEqualTo(403);
        assertThat(problemOf(() -> client.call(other, "GET", "/apps/scoped/env", null))
                        .status())
                .isEqualTo(403);
        assertThat(problemOf(() -> client.call(other, "PUT", "/apps/scoped/env/X", "{\"value\": \"v\"}"))
                        .status())
                .isEqualTo(403);
        assertThat(client.call(deployer, "PUT", "/apps/scoped/env/X", "{\"value\": \"v\"}")
                        .status())
                .isEqualTo(201);
        assertThat(client.call(deployer, "DELETE", "/apps/scoped/env/X", null).status())
                .isEqualTo(204);
    }

    @Test
    void declaredNamesNotSetAreListedAsMissingWithoutFailingTheDeploy() throws Exception {
        AdminResponse deployed = client.deploy(
                "needy", Map.of("index.html", "hi", "fazt.json", "{\"env\": [\"API_KEY\", \"DB_URL\", \"MODE\"]}"));
        assertThat(deployed.status()).isEqualTo(201);
        assertThat(json(deployed).path("missingEnv"))
                .extracting(JsonNode::asText)
                .containsExactly("API_KEY", "DB_URL", "MODE");
        put("needy", "DB_URL", "{\"value\": \"postgres://x\", \"secret\": true}");
        JsonNode app = json(client.call("GET", "/apps/needy", null));
        assertThat(app.path("missingEnv")).extracting(JsonNode::asText).containsExactly("API_KEY", "MODE");
        // Listings of all apps do not carry it.
        JsonNode all = json(client.call("GET", "/apps", null)).path("apps");
        assertThat(all).allSatisfy(a -> assertThat(a.has("missingEnv")).isFalse());

        Problem bad =
                problemOf(() -> client.deploy("needy", Map.of("index.html", "hi", "fazt.json", "{\"env\": [\"KV\"]}")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errors()).extracting(Problem.FieldError::field).containsExactly("env[0]");
    }

    @Test
    void clonesStartWithoutEnvAndDeletingAnAppDeletesItsVars() throws Exception {
        client.deploy("origin", Map.of("index.html", "hi", "fazt.json", "{\"env\": [\"TOKEN\"]}"));
        put("origin", "TOKEN", "{\"value\": \"" + SECRET + "\", \"secret\": true}");
        client.call("POST", "/apps/origin/clone", "{\"as\": \"copy\"}");
        assertThat(json(client.call("GET", "/apps/copy/env", null)).path("env")).isEmpty();
        assertThat(json(client.call("GET", "/apps/copy", null)).path("missingEnv"))
                .extracting(JsonNode::asText)
                .containsExactly("TOKEN");
        assertThat(runtimeView(appId("copy")).values()).isEmpty();

        String id = appId("origin");
        client.call("DELETE", "/apps/origin", null);
        assertThat(runtimeView(id).found()).isFalse();
        assertThat(runtimeView("a_unknown00000").found()).isFalse();
        try (Connection db = suite.postgres().connect();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM deploy.app_env WHERE app_id = '" + id + "'")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        }
        // A new app under the old name starts empty.
        client.deploy("origin", Map.of("index.html", "again"));
        assertThat(json(client.call("GET", "/apps/origin/env", null)).path("env"))
                .isEmpty();
    }
}
