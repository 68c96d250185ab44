package fazt.deploy;

import static fazt.deploy.DeployClient.await;
import static fazt.deploy.DeployClient.json;
import static fazt.deploy.DeployClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import fazt.proto.problem.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code svc.deploy.triggers.get} follows the live version: deploy, rollback, delete; a bad cron entry changes nothing. */
class TriggersIT {
    static final TestSuite suite = TestSuite.of(new DeployService());

    @RegisterExtension
    static final DeployClient client = new DeployClient(suite);

    private TriggersReply triggers(String appId) {
        return await(client.requester()
                .request(
                        DeploySubjects.TRIGGERS_GET,
                        new TriggersRequest(appId),
                        TriggersReply.class,
                        DeployClient.TIMEOUT));
    }

    @Test
    void theLiveVersionsSchedulesAndPolicyAreServedAndFollowRollbackAndDelete() throws Exception {
        String id = json(client.deploy("cronny", Map.of("index.html", "v1", "fazt.json", """
                {"cron": [{"every": "2s", "name": "tick"}, {"schedule": "0 3 * * *", "tz": "Europe/Berlin"}],
                 "retry": {"attempts": 2, "backoff": "500ms"}, "concurrency": 1, "timeout": "5s"}
                """)))
                .path("app")
                .path("id")
                .asText();
        TriggersReply.AppTriggers v1 = triggers(id).apps().getFirst();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.name()).isEqualTo("cronny");
        assertThat(v1.schedules())
                .containsExactly(
                        new TriggersReply.Schedule("tick", null, null, 2_000L, "once"),
                        new TriggersReply.Schedule("0 3 * * *", "0 3 * * *", "Europe/Berlin", null, "once"));
        assertThat(v1)
                .extracting(
                        TriggersReply.AppTriggers::attempts,
                        TriggersReply.AppTriggers::backoffMillis,
                        TriggersReply.AppTriggers::concurrency,
                        TriggersReply.AppTriggers::timeoutMillis)
                .containsExactly(2, 500L, 1, 5_000);

        // A bad entry fails the deploy naming it, and the live triggers stay.
        Problem bad = problemOf(() -> client.deploy(
                "cronny",
                Map.of(
                        "index.html",
                        "v2",
                        "fazt.json",
                        "{\"cron\": [{\"every\": \"1m\"}, {\"schedule\": \"every day\"}]}")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.field())
                .isEqualTo("cron[1].schedule"));
        assertThat(triggers(id).apps().getFirst().version()).isEqualTo(1);

        client.deploy("cronny", Map.of("index.html", "v2"));
        TriggersReply.AppTriggers v2 = triggers(id).apps().getFirst();
        assertThat(v2.schedules()).isEmpty();
        assertThat(v2.attempts()).isEqualTo(3);

        client.call("POST", "/apps/cronny/rollback", "{\"version\": 1}");
        assertThat(triggers(id).apps().getFirst().schedules()).hasSize(2);
        assertThat(triggers(null).apps())
                .extracting(TriggersReply.AppTriggers::appId)
                .contains(id);

        client.call("DELETE", "/apps/cronny", null);
        assertThat(triggers(id).apps()).isEmpty();
        assertThat(triggers(null).apps())
                .extracting(TriggersReply.AppTriggers::appId)
                .doesNotContain(id);
    }

    @Test
    void asyncEntryPointsAndIntakeLimitsAreServedOnlyForAVersionWithServerCode() throws Exception {
        String manifest = """
                {"async": ["resize", "jobs/*"], "intake": {"perMinute": 10, "burst": 5, "maxStored": "2MiB"}}
                """;
        try (RuntimeStandIn runtime =
                new RuntimeStandIn(client.nats(), suite.nats().root(), client.files())) {
            String id = json(client.deploy(
                            "worker",
                            Map.of(
                                    "fazt.json",
                                    manifest,
                                    "api/main.js",
                                    "export default { fetch() { return new Response('ok'); } };")))
                    .path("app")
                    .path("id")
                    .asText();
            TriggersReply.AppTriggers withCode = triggers(id).apps().getFirst();
            assertThat(withCode.async()).containsExactly("resize", "jobs/*");
            assertThat(withCode)
                    .extracting(
                            TriggersReply.AppTriggers::perMinute,
                            TriggersReply.AppTriggers::burst,
                            TriggersReply.AppTriggers::maxStoredBytes)
                    .containsExactly(10, 5, 2L << 20);

            client.deploy("worker", Map.of("fazt.json", manifest, "index.html", "static now"));
            TriggersReply.AppTriggers staticOnly = triggers(id).apps().getFirst();
            assertThat(staticOnly.version()).isEqualTo(2);
            assertThat(staticOnly.async()).as("nothing could run them").isEmpty();

            client.deploy(
                    "worker", Map.of("api/main.js", "export default { fetch() { return new Response('ok'); } };"));
            TriggersReply.AppTriggers undeclared = triggers(id).apps().getFirst();
            assertThat(undeclared.async()).isEmpty();
            assertThat(undeclared)
                    .extracting(
                            TriggersReply.AppTriggers::perMinute,
                            TriggersReply.AppTriggers::burst,
                            TriggersReply.AppTriggers::maxStoredBytes)
                    .containsExactly(60, 30, 64L << 20);
        }
    }

    @Test
    void mailAddressesAndServerCodeAreServedABadAddressFailsTheDeployNamingIt() throws Exception {
        String manifest = "{\"mail\": {\"addresses\": [\"Support\", \"sales\"]}}";
        String id = json(client.deploy("mailbox", Map.of("fazt.json", manifest, "index.html", "static")))
                .path("app")
                .path("id")
                .asText();
        TriggersReply.AppTriggers staticOnly = triggers(id).apps().getFirst();
        assertThat(staticOnly.mailAddresses()).containsExactly("support", "sales");
        assertThat(staticOnly.serverCode()).isFalse();

        Problem bad = problemOf(() ->
                client.deploy("mailbox", Map.of("fazt.json", "{\"mail\": {\"addresses\": [\"ok\", \"no way\"]}}")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.field())
                .isEqualTo("mail.addresses[1]"));
        assertThat(triggers(id).apps().getFirst().version()).isEqualTo(1);

        try (RuntimeStandIn runtime =
                new RuntimeStandIn(client.nats(), suite.nats().root(), client.files())) {
            client.deploy(
                    "mailbox",
                    Map.of(
                            "fazt.json",
                            "{\"mail\": {\"addresses\": [\"help\"]}}",
                            "api/main.js",
                            "export default { email() {} };"));
            TriggersReply.AppTriggers withCode = triggers(id).apps().getFirst();
            assertThat(withCode.version()).isEqualTo(2);
            assertThat(withCode.mailAddresses()).containsExactly("help");
            assertThat(withCode.serverCode()).isTrue();
        }
        client.deploy("mailbox", Map.of("index.html", "nothing claimed"));
        TriggersReply.AppTriggers none = triggers(id).apps().getFirst();
        assertThat(none.mailAddresses()).isEmpty();
        assertThat(none.serverCode()).isFalse();
    }
}
