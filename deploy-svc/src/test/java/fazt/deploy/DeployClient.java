package fazt.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.deploy.domain.SiteFiles;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.RemoteCall;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.StorageStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Calls deploy-svc the way the gateway does: admin requests over NATS ({@code svc.deploy.admin}) with a principal,
 * bundles uploaded to storage first and passed as a body blob. storage-svc is played by a {@link StorageStandIn} on
 * the suite's NATS. Register the client, not its suite: it starts the suite before it connects and the stand-in,
 * and stops them in the reverse order.
 */
final class DeployClient implements BeforeAllCallback, AfterAllCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Principal ADMIN = new Principal("u_admin", "admin", List.of(Principal.ADMIN));

    private final TestSuite suite;
    private final SuiteConnection connection;
    private StorageStandIn storage;

    DeployClient(TestSuite suite) {
        this.suite = suite;
        this.connection = new SuiteConnection(suite);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        connection.beforeAll(context);
        storage = StorageStandIn.start(connection.nats(), suite.nats().root());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (storage != null) {
                storage.close();
            }
        } finally {
            storage = null;
            connection.afterAll(context);
        }
    }

    Connection nats() {
        return connection.nats();
    }

    NatsRequester requester() {
        return connection.requester();
    }

    /** deploy-svc's own view of the version files (storage over NATS), to look into namespaces. */
    SiteFiles files() {
        return suite.service(ServiceName.DEPLOY).context().getBean(SiteFiles.class);
    }

    /** One admin API call; throws the problem as {@link NatsRequester.RemoteProblemException}. */
    AdminResponse call(Principal who, String method, String path, String body) {
        return await(requester()
                .request(
                        AdminSubjects.of(ServiceName.DEPLOY),
                        new AdminRequest(
                                method,
                                path,
                                Map.of(),
                                suite.sign(who),
                                body == null ? null : "application/json",
                                body,
                                null,
                                "req-test"),
                        AdminResponse.class,
                        TIMEOUT));
    }

    AdminResponse call(String method, String path, String body) {
        return call(ADMIN, method, path, body);
    }

    /** Zips {@code files} (path → content), uploads the zip to storage and deploys it to {@code app}. */
    AdminResponse deploy(String app, Map<String, String> files) throws IOException {
        Path zip = Files.createTempFile("deploy-it-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(zip);
                    ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> file : files.entrySet()) {
                    z.putNextEntry(new ZipEntry(file.getKey()));
                    z.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
            String digest = files().upload(zip);
            return await(requester()
                    .request(
                            AdminSubjects.of(ServiceName.DEPLOY),
                            new AdminRequest(
                                    "POST",
                                    "/apps/" + app + "/deploy",
                                    Map.of(),
                                    suite.sign(ADMIN),
                                    "application/zip",
                                    null,
                                    new BodyBlob(digest, Files.size(zip)),
                                    "req-test"),
                            AdminResponse.class,
                            TIMEOUT));
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    SiteReply site(String app) {
        return await(requester().request(DeploySubjects.SITE_GET, new SiteRequest(app), SiteReply.class, TIMEOUT));
    }

    static JsonNode json(AdminResponse response) {
        try {
            return MessageCodec.INSTANCE.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static Problem problemOf(ThrowingCallable call) {
        return RemoteCall.problemOf(call);
    }

    static <T> T await(CompletableFuture<T> reply) {
        return RemoteCall.await(reply);
    }
}
