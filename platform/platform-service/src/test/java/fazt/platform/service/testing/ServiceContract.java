package fazt.platform.service.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.ChunkProducer;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ServiceEndpoints;
import fazt.platform.service.ServiceContext;
import fazt.platform.service.db.DatabaseProvisioner;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.backup.SchemaExportReply;
import fazt.proto.backup.SchemaExportRequest;
import fazt.proto.backup.SchemaImportReply;
import fazt.proto.backup.SchemaImportRequest;
import fazt.proto.health.HealthCheckRequest;
import fazt.proto.health.HealthReport;
import fazt.proto.health.HealthSubjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every fazt service promises, whichever it is: a management port with {@code /health} (NATS and database)
 * and {@code /metrics} and nothing else, a health request over NATS, an ADR-32 presence in its queue group, and a
 * schema of its own migrated by Flyway that its role alone can reach. Each service's {@code *ServiceIT} implements
 * this with its own {@link TestSuite}.
 */
public interface ServiceContract {
    /** The suite running the service under test. */
    TestSuite suite();

    /** The service under test. */
    ServiceName service();

    /** Whether the service answers the backup requests (ADR 39): every service with durable data does. */
    default boolean backsUpItsSchema() {
        return BackupSubjects.SERVICES.contains(service());
    }

    private ServiceContext context() {
        return suite().service(service());
    }

    private HttpResponse<String> management(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + context().managementPort() + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    default void managementHealthIsUpAndCoversNatsAndDatabase() throws Exception {
        HttpResponse<String> response = management("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        HealthReport report =
                MessageCodec.INSTANCE.decode(response.body().getBytes(StandardCharsets.UTF_8), HealthReport.class);
        assertThat(report.service()).isEqualTo(service().id());
        assertThat(report.status()).isEqualTo("UP");
        assertThat(report.checks()).containsEntry("nats", "UP").containsEntry("database", "UP");
    }

    @Test
    default void managementMetricsArePrometheusTextTaggedWithTheService() throws Exception {
        HttpResponse<String> response = management("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("service=\"" + service().id() + "\"");
    }

    @Test
    default void managementPortServesNothingElse() throws Exception {
        for (String path : List.of("/", "/env", "/beans", "/prometheus", "/api/apps")) {
            assertThat(management(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    default void answersTheHealthRequestOverNats() throws Exception {
        try (Connection nats = suite().nats().connect()) {
            HealthReport report = new NatsRequester(nats, suite().nats().root())
                    .request(
                            HealthSubjects.of(service()),
                            new HealthCheckRequest("contract"),
                            HealthReport.class,
                            Duration.ofSeconds(5))
                    .get();
            assertThat(report.up()).isTrue();
            assertThat(report.service()).isEqualTo(service().id());
        }
    }

    @Test
    default void srvPingShowsTheInstanceUnderTheServiceNameAndRoot() throws Exception {
        try (Connection nats = suite().nats().connect()) {
            String inbox = nats.createInbox();
            Subscription replies = nats.subscribe(inbox);
            nats.publish("$SRV.INFO." + service().id(), inbox, new byte[0]);
            List<String> ours = new ArrayList<>();
            Message reply;
            while ((reply = replies.nextMessage(Duration.ofMillis(750))) != null) {
                String info = new String(reply.getData(), StandardCharsets.UTF_8);
                if (info.contains("\"" + ServiceEndpoints.METADATA_ROOT + "\":\""
                        + suite().nats().root().value() + "\"")) {
                    ours.add(info);
                }
            }
            assertThat(ours).hasSize(1);
            assertThat(ours.getFirst())
                    .contains("\"queue_group\":\"" + service().queueGroup() + "\"")
                    .contains(suite().nats().root().qualify(HealthSubjects.of(service())));
        }
    }

    @Test
    default void schemaIsMigratedByFlywayAndRecordsThisInstance() throws Exception {
        try (var c = suite().postgres().connect();
                Statement s = c.createStatement()) {
            ResultSet history =
                    s.executeQuery("SELECT count(*) FROM " + service().id() + ".flyway_schema_history WHERE success");
            history.next();
            assertThat(history.getInt(1)).isGreaterThanOrEqualTo(1);
            ResultSet instances =
                    s.executeQuery("SELECT count(*) FROM " + service().id() + ".instance WHERE stopped_at IS NULL");
            instances.next();
            assertThat(instances.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    default void itsCodeDependsOnNoOtherServiceAndItsDomainStaysPure() {
        var importer = new ClassFileImporter();
        // Its tests too: a test that needs another service talks to that service's stand-in over NATS or is an e2e
        // journey (ADR 26).
        var codeAndTests = importer.importPackages("fazt." + service().id());
        var classes = importer.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fazt." + service().id());
        String[] others = Arrays.stream(ServiceName.values())
                .filter(s -> s != service())
                .map(s -> "fazt." + s.id() + "..")
                .toArray(String[]::new);
        ArchRuleDefinition.noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk only over NATS; shared code goes to shared-proto or platform-*, and tests"
                        + " use stand-ins (platform-test-standins) or move to e2e")
                .allowEmptyShould(true)
                .check(codeAndTests);
        ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..api..", "..messaging..", "..persistence..", "io.micronaut.http..", "io.nats..", "io.netty..")
                .because("the domain is plain Java; adapters translate")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    default void thePlatformPackagesItRunsWithAreFreeOfCycles() {
        // Main code only: this contract itself comes in platform-service's test jar, which uses the platform freely.
        var platform = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages("fazt.platform");
        SlicesRuleDefinition.slices()
                .matching("fazt.platform.(**)")
                .should()
                .beFreeOfCycles()
                .because("platform packages depend on each other one way; move what both need to one side")
                .check(platform);
    }

    @Test
    default void itsRoleCannotReachAnotherServicesSchema() throws Exception {
        ServiceName other = service() == ServiceName.STORAGE ? ServiceName.DEPLOY : ServiceName.STORAGE;
        try (var c = DriverManager.getConnection(
                        suite().postgres().url(),
                        DatabaseProvisioner.roleOf(service()),
                        suite().env().get("FAZT_DB_PASSWORD"));
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("CREATE TABLE " + other.id() + ".intruder (x int)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    default void itsSchemaGoesIntoABackupPartAndComesBackWhole() throws Exception {
        if (!backsUpItsSchema()) {
            return;
        }
        try (Connection nats = suite().nats().connect();
                BodyStreamHolder held = new BodyStreamHolder(nats)) {
            NatsRequester requester = new NatsRequester(nats, suite().nats().root());
            SchemaExportReply exported = requester.call(
                    BackupSubjects.exportOf(service()),
                    new SchemaExportRequest("contract", null),
                    SchemaExportReply.class,
                    BackupSubjects.EXPORT_TIMEOUT);
            byte[] part;
            try (var in =
                    new BodyStreamReader(nats, exported.stream(), BackupSubjects.PULL_TIMEOUT).inputStream(null)) {
                part = in.readAllBytes();
            }
            String text = new String(part, StandardCharsets.UTF_8);
            assertThat(text).startsWith("fazt-schema-part 1 " + service().id() + " " + exported.schemaVersion() + "\n");
            assertThat(exported.tables()).isNotEmpty().doesNotContain("flyway_schema_history", "instance");

            // Into its own schema again, replacing what is there: every table of the part is loaded, with its rows.
            SchemaImportReply imported = requester.call(
                    BackupSubjects.importOf(service()),
                    new SchemaImportRequest(
                            "contract",
                            exported.schemaVersion(),
                            held.register(ChunkProducer.of(part)).subject(),
                            true),
                    SchemaImportReply.class,
                    BackupSubjects.IMPORT_TIMEOUT);
            assertThat(imported.rows().keySet()).containsExactlyElementsOf(exported.tables());
            for (var table : imported.rows().entrySet()) {
                assertThat(text).contains("\ntable " + table.getKey() + " ");
            }
            long written = text.lines()
                    .filter(l -> l.startsWith("rows "))
                    .mapToLong(l -> Long.parseLong(l.substring(5)))
                    .sum();
            assertThat(imported.rows().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(written);
        }
    }
}
