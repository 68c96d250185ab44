package fazt.scheduler;

import static fazt.platform.service.testing.RemoteCall.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.deploy.DeployService;
import fazt.deploy.domain.SiteFiles;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import fazt.storage.StorageService;
import io.nats.client.Connection;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real deploy-svc beside the scheduler: deploy, redeploy, rollback and delete through deploy's admin API keep the
 * scheduler's schedules equal to the live {@code fazt.json}, over the app events and {@code svc.deploy.triggers.get};
 * the schedule fires on a runtime stand-in.
 */
class DeploySyncIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new DeployService(), new StorageService(), new SchedulerService());

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Principal ADMIN = new Principal("u_admin", "admin", List.of(Principal.ADMIN));
    static Connection nats;
    static NatsRequester requester;
    static RuntimeStandIn runtime;

    @BeforeAll
    static void connect() throws Exception {
        nats = suite.nats().connect();
        requester = new NatsRequester(nats, suite.nats().root());
        runtime = new RuntimeStandIn(suite.nats().connect(), suite.nats().root(), "rt-1",
                r -> RuntimeStandIn.Behaviour.ok());
    }

    @AfterAll
    static void close() throws Exception {
        runtime.close();
        nats.close();
    }

    @Test
    void schedulesFollowDeployRollbackAndDelete() throws Exception {
        deploy("cronny", "{\"cron\": [{\"every\": \"1s\", \"name\": \"tick\"}, {\"schedule\": \"0 3 * * *\","
                + " \"tz\": \"Europe/Berlin\", \"name\": \"nightly\"}], \"retry\": {\"attempts\": 2}}");
        waitFor(() -> schedules("cronny").size() == 2);
        JsonNode nightly = schedules("cronny").get(0);
        assertThat(nightly.path("name").asText()).isEqualTo("nightly");
        assertThat(nightly.path("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(nightly.path("tz").asText()).isEqualTo("Europe/Berlin");
        waitFor(() -> runtime.seen.stream().anyMatch(r -> r.url().endsWith("/_fazt/scheduled/tick")));
        String appId = runtime.seen.getFirst().appId();
        JsonNode run = json(admin("GET", "/apps/cronny/runs", null)).path("runs").get(0);
        assertThat(run.path("trigger").asText()).isEqualTo("interval");
        assertThat(run.path("maxAttempts").asInt()).isEqualTo(2);

        // A version without cron stops the schedules; rolling back brings them back.
        deploy("cronny", "{}");
        waitFor(() -> schedules("cronny").isEmpty());
        Thread.sleep(1_500);
        long before = runtime.seen.stream().filter(r -> r.appId().equals(appId)).count();
        Thread.sleep(2_000);
        assertThat(runtime.seen.stream().filter(r -> r.appId().equals(appId)).count()).isEqualTo(before);

        admin("POST", "/apps/cronny/rollback", "{\"version\": 1}");
        waitFor(() -> schedules("cronny").size() == 2);

        admin("DELETE", "/apps/cronny", null);
        waitFor(() -> {
            try {
                schedules("cronny");
                return false;
            } catch (NatsRequester.RemoteProblemException e) {
                return e.problem().status() == 404;
            }
        });
    }

    private static JsonNode schedules(String app) {
        return json(admin("GET", "/apps/" + app + "/schedules", null)).path("schedules");
    }

    private static void deploy(String app, String manifest) throws Exception {
        Path zip = Files.createTempFile("sync-it-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> f : Map.of("index.html", "<h1>hi</h1>", "fazt.json", manifest).entrySet()) {
                    z.putNextEntry(new ZipEntry(f.getKey()));
                    z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
            String digest = suite.service(ServiceName.DEPLOY).context().getBean(SiteFiles.class).upload(zip);
            await(requester.request(AdminSubjects.of(ServiceName.DEPLOY), new AdminRequest("POST", "/apps/" + app
                    + "/deploy", Map.of(), ADMIN, "application/zip", null, new BodyBlob(digest, Files.size(zip)),
                    "req-it"), AdminResponse.class, TIMEOUT));
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static AdminResponse admin(String method, String path, String body) {
        ServiceName owner = AdminApi.TABLE.ownerOf(path);
        return await(requester.request(AdminSubjects.of(owner), new AdminRequest(method, path, Map.of(), ADMIN,
                body == null ? null : "application/json", body, null, "req-it"), AdminResponse.class, TIMEOUT));
    }

    private static JsonNode json(AdminResponse response) {
        try {
            return MessageCodec.INSTANCE.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20s");
            }
            Thread.sleep(100);
        }
    }
}
