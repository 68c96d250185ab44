package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.auth.domain.Secret;
import fazt.auth.domain.appauth.AppEndUsers;
import fazt.auth.domain.appauth.ConfigureAppLogin;
import fazt.auth.domain.appauth.Identity;
import fazt.auth.domain.appauth.SecretBox;
import fazt.platform.nats.EventStreams;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.auth.AppUser;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An app's login providers and allow-list through the admin API, with client secrets sealed at rest. */
class AppLoginConfigIT {
    @RegisterExtension
    static final TestSuite suite =
            TestSuite.of(new AuthService()).with("FAZT_ADMIN_TOKEN", "it-admin-token-0123456789abcdef");

    static final Principal BLOG = new Principal("u_1", "dev", List.of("deploy:blog"), "t_1");
    static final Principal READ = new Principal("u_2", "ro", List.of("read"), "t_2");
    static AdminCalls api;

    @BeforeAll
    static void connect() throws Exception {
        api = new AdminCalls(suite);
    }

    @AfterAll
    static void close() throws Exception {
        api.close();
    }

    @Test
    void providersAreConfiguredPerAppAndTheirSecretsAreStoredSealed() throws Exception {
        AdminCalls.Answer google = api.call(
                "PUT",
                "/apps/blog/auth/providers/google",
                "{\"clientId\":\"g-123.apps.googleusercontent.com\",\"clientSecret\":\"g-secret-value\"}",
                BLOG);
        assertThat(google.status()).as(String.valueOf(google.json())).isEqualTo(200);
        assertThat(google.json().path("kind").asText()).isEqualTo("google");
        assertThat(google.json().path("clientSecretSet").asBoolean()).isTrue();
        assertThat(google.json().toString()).doesNotContain("g-secret-value");
        assertThat(api.call(
                                "PUT",
                                "/apps/blog/auth/providers/corp",
                                "{\"kind\":\"oidc\",\"clientId\":\"fazt\","
                                        + "\"clientSecret\":\"corp-secret\",\"discoveryUrl\":\"https://id.corp.example/.well-known/openid-configuration\"}",
                                BLOG)
                        .status())
                .isEqualTo(200);
        // Updating without a secret keeps the stored one.
        assertThat(api.call("PUT", "/apps/blog/auth/providers/google", "{\"clientId\":\"g-456\"}", BLOG)
                        .status())
                .isEqualTo(200);

        AdminCalls.Answer listed = api.call("GET", "/apps/blog/auth/providers", null, READ);
        assertThat(listed.json().path("providers")).hasSize(2);
        assertThat(listed.json().toString()).doesNotContain("secret-value", "corp-secret");

        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery(
                    "SELECT client_id, client_secret FROM auth.app_provider WHERE app = 'blog' AND provider = 'google'");
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("g-456");
            byte[] sealed = r.getBytes(2);
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("g-secret-value");
            String masterKey = suite.env().get("FAZT_MASTER_KEY");
            assertThat(new SecretBox(masterKey).open(sealed, ConfigureAppLogin.context("blog", "google")))
                    .isEqualTo("g-secret-value");
        }
        assertThat(api.call("DELETE", "/apps/blog/auth/providers/corp", null, BLOG)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/apps/blog/auth/providers/corp", null, BLOG)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aTokenForOneAppCannotConfigureAnother() throws Exception {
        String body = "{\"clientId\":\"x\",\"clientSecret\":\"y\"}";
        assertThat(api.call("PUT", "/apps/shop/auth/providers/github", body, BLOG)
                        .status())
                .isEqualTo(403);
        assertThat(api.call("PUT", "/apps/shop/auth/providers/github", body, READ)
                        .status())
                .isEqualTo(403);
        assertThat(api.call("GET", "/apps/shop/auth/providers", null, BLOG).status())
                .isEqualTo(403);
        assertThat(api.call("GET", "/apps/shop/auth/providers", null, null).status())
                .isEqualTo(401);
    }

    @Test
    void badProviderInputIsRefusedNamingTheField() throws Exception {
        record Case(String path, String body, String field) {}
        for (Case c : List.of(
                new Case(
                        "/apps/blog/auth/providers/corp2",
                        "{\"clientId\":\"x\",\"clientSecret\":\"y\"}",
                        "discoveryUrl"),
                new Case(
                        "/apps/blog/auth/providers/corp2",
                        "{\"clientId\":\"x\",\"clientSecret\":\"y\",\"discoveryUrl\":\"http://id.example/x\"}",
                        "discoveryUrl"),
                new Case(
                        "/apps/blog/auth/providers/corp2",
                        "{\"kind\":\"saml\",\"clientId\":\"x\",\"clientSecret\":\"y\"}",
                        "kind"),
                new Case(
                        "/apps/blog/auth/providers/google",
                        "{\"kind\":\"oidc\",\"clientId\":\"x\",\"clientSecret\":\"y\"}",
                        "kind"),
                new Case(
                        "/apps/blog/auth/providers/github",
                        "{\"clientId\":\"has space\",\"clientSecret\":\"y\"}",
                        "clientId"),
                new Case("/apps/blog/auth/providers/github", "{\"clientId\":\"x\"}", "clientSecret"),
                new Case(
                        "/apps/blog/auth/providers/Bad_Id",
                        "{\"clientId\":\"x\",\"clientSecret\":\"y\"}",
                        "provider"))) {
            AdminCalls.Answer answer = api.call("PUT", c.path(), c.body(), BLOG);
            assertThat(answer.status()).as(c.toString()).isEqualTo(400);
            assertThat(answer.json().path("errors").get(0).path("field").asText())
                    .as(c.toString())
                    .isEqualTo(c.field());
        }
        assertThat(api.call(
                                "PUT",
                                "/apps/blog/auth/providers/local",
                                "{\"clientId\":\"x\",\"clientSecret\":\"y\","
                                        + "\"discoveryUrl\":\"http://localhost:8099/default/.well-known/openid-configuration\"}",
                                BLOG)
                        .status())
                .as("plain http only for a provider on this machine (tests, development)")
                .isEqualTo(200);
    }

    @Test
    void theAllowListTakesEmailsAndDomains() throws Exception {
        assertThat(api.call("GET", "/apps/blog/auth/access", null, BLOG).json().path("emails"))
                .isEmpty();
        AdminCalls.Answer put = api.call(
                "PUT",
                "/apps/blog/auth/access",
                "{\"emails\":[\"Ana@Example.org\"],\"domains\":[\"team.example\"]}",
                BLOG);
        assertThat(put.json().path("emails").get(0).asText()).isEqualTo("ana@example.org");
        assertThat(api.call("PUT", "/apps/blog/auth/access", "{\"domains\":[\"not a domain\"]}", BLOG)
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("domains");
        assertThat(api.call("PUT", "/apps/blog/auth/access", "{\"emails\":[\"nope\"]}", BLOG)
                        .status())
                .isEqualTo(400);
        assertThat(api.call("GET", "/apps/blog/auth/access", null, READ)
                        .json()
                        .path("domains")
                        .get(0)
                        .asText())
                .isEqualTo("team.example");
    }

    static final Principal ADMIN = new Principal("bootstrap", "bootstrap admin", List.of("admin"), "bootstrap");

    private static void publish(AppChanged.Change change, List<String> names) throws Exception {
        publish(change, "a_1", names);
    }

    private static void publish(AppChanged.Change change, String appId, List<String> names) throws Exception {
        try (Connection nats = suite.nats().connect()) {
            EventStreams.declare(nats, suite.nats().root(), ServiceName.DEPLOY);
            AppChanged event = new AppChanged("e_" + UUID.randomUUID(), change, appId, names, 1, Instant.now());
            nats.jetStream()
                    .publish(
                            suite.nats().root().qualify(DeploySubjects.appEvent(change)),
                            MessageCodec.INSTANCE.encode(event));
        }
    }

    private static int providersOf(String app, int expected) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int count;
        do {
            count = api.call("GET", "/apps/" + app + "/auth/providers", null, ADMIN)
                    .json()
                    .path("providers")
                    .size();
            if (count == expected) {
                return count;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        return count;
    }

    @Test
    void aDeletedAppLosesItsLoginSettingsAndARenamedAppTakesThemAlong() throws Exception {
        String body = "{\"clientId\":\"x\",\"clientSecret\":\"y\"}";
        assertThat(api.call("PUT", "/apps/gone/auth/providers/github", body, ADMIN)
                        .status())
                .isEqualTo(200);
        assertThat(api.call("PUT", "/apps/old-name/auth/providers/github", body, ADMIN)
                        .status())
                .isEqualTo(200);
        api.call("PUT", "/apps/old-name/auth/access", "{\"domains\":[\"team.example\"]}", ADMIN);

        publish(AppChanged.Change.DELETED, List.of("gone"));
        publish(AppChanged.Change.RENAMED, List.of("old-name", "new-name"));

        assertThat(providersOf("gone", 0)).isZero();
        assertThat(providersOf("new-name", 1)).isEqualTo(1);
        assertThat(providersOf("old-name", 0)).isZero();
        assertThat(api.call("GET", "/apps/new-name/auth/access", null, ADMIN)
                        .json()
                        .path("domains")
                        .get(0)
                        .asText())
                .isEqualTo("team.example");
    }

    @Test
    void aDeletedAppLosesItsUsersAndTheirSessionsOtherAppsKeepTheirs() throws Exception {
        AppEndUsers users = suite.service(ServiceName.AUTH).context().getBean(AppEndUsers.class);
        var identity = new Identity("sub-1", "ana@example.com", "Ana", null);
        byte[] doomed = Secret.hash("fza_doomed"), kept = Secret.hash("fza_kept");
        var gone = users.upsert("a_deleted", "google", identity);
        var stays = users.upsert("a_stays", "google", identity);
        assertThat(gone.id()).as("one person is a separate user per app").isNotEqualTo(stays.id());
        users.createSession(
                "as_1", gone.id(), "a_deleted", doomed, Instant.now().plusSeconds(600));
        users.createSession("as_2", stays.id(), "a_stays", kept, Instant.now().plusSeconds(600));
        assertThat(users.findSession("a_stays", doomed)).as("bound to its app").isEmpty();

        publish(AppChanged.Change.DELETED, "a_deleted", List.of("deleted-app"));

        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (users.findSession("a_deleted", doomed).isPresent() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(users.findSession("a_deleted", doomed)).isEmpty();
        assertThat(users.findSession("a_stays", kept)).map(AppUser::email).hasValue("ana@example.com");
    }
}
