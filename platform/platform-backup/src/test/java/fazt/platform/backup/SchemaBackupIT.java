package fazt.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.ChunkProducer;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsConnector;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ServiceEndpoints;
import fazt.platform.test.TestNats;
import fazt.platform.test.TestPostgres;
import fazt.proto.ServiceName;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.backup.SchemaExportReply;
import fazt.proto.backup.SchemaExportRequest;
import fazt.proto.backup.SchemaImportReply;
import fazt.proto.backup.SchemaImportRequest;
import io.nats.client.Connection;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema exported and imported through the real endpoints: PostgreSQL databases migrated by Flyway, NATS, and the
 * rows travelling as body streams. The schema is named {@code deploy} because a part belongs to a service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaBackupIT {
    private static final ServiceName SERVICE = ServiceName.DEPLOY;

    private TestNats nats;
    private Connection client;
    private NatsRequester requester;
    private BodyStreamHolder held;
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** A database with the fixture schema at {@code version}, served on its own subject root. */
    private record Installation(TestPostgres pg, NatsRequester requester) {}

    @BeforeAll
    void start() throws Exception {
        nats = TestNats.fresh();
        client = NatsConnector.connect(nats.url(), "coordinator");
        held = new BodyStreamHolder(client);
        requester = new NatsRequester(client, nats.root());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        held.close();
        client.close();
        nats.close();
    }

    private Installation installation(String version) throws Exception {
        return installation(version, SchemaBackup.Options.NONE);
    }

    private Installation installation(String version, SchemaBackup.Options options) throws Exception {
        TestPostgres pg = TestPostgres.fresh();
        closing.add(pg);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(pg.url());
        ds.setUser(pg.adminUser());
        ds.setPassword(pg.adminPassword());
        Flyway.configure()
                .dataSource(ds)
                .schemas(SERVICE.id())
                .createSchemas(true)
                .locations("classpath:db/backuptest/" + version)
                .load()
                .migrate();
        TestNats root = TestNats.fresh(); // same server, a subject root of its own per installation
        Connection service = NatsConnector.connect(root.url(), "service");
        SchemaBackup backup = new SchemaBackup(SERVICE, ds, service, options);
        ServiceEndpoints endpoints =
                ServiceEndpoints.start(service, root.root(), SERVICE, "0.0.1", "i1", backup.endpoints());
        closing.add(service);
        closing.add(backup);
        closing.add(endpoints);
        return new Installation(pg, new NatsRequester(client, root.root()));
    }

    private static void populate(TestPostgres pg) throws Exception {
        try (var c = pg.connect();
                Statement s = c.createStatement()) {
            s.execute("SET search_path = deploy");
            s.execute("INSERT INTO z_app (name, meta) VALUES ('blog', '{\"a\": [1, \"x\\ty\"]}'),"
                    + " (E'tab\\there\\nnewline \\\\ backslash é', NULL), ('\\.', 'null')");
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO a_version (app_id, n, bundle, tags) SELECT id, ?, ?, ? FROM z_app WHERE name = 'blog'")) {
                byte[] every = new byte[256];
                for (int i = 0; i < every.length; i++) {
                    every[i] = (byte) i;
                }
                p.setInt(1, 1);
                p.setBytes(2, every);
                p.setArray(3, c.createArrayOf("text", new String[] {"a b", "c,d", null, "\\N"}));
                p.execute();
                p.setInt(1, 2);
                p.setBytes(2, null);
                p.setArray(3, null);
                p.execute();
            }
            s.execute("INSERT INTO node (parent, label) VALUES (NULL, 'root')");
            s.execute("INSERT INTO node (parent, label) SELECT id, 'child' FROM node WHERE label = 'root'");
        }
    }

    private static List<String> rows(TestPostgres pg) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var c = pg.connect();
                Statement s = c.createStatement()) {
            for (String q : List.of(
                    "SELECT id, name, meta, name_length, created_at FROM deploy.z_app ORDER BY id",
                    "SELECT * FROM deploy.a_version ORDER BY app_id, n",
                    "SELECT * FROM deploy.node ORDER BY id")) {
                try (ResultSet r = s.executeQuery(q)) {
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            Object v = r.getObject(i);
                            row.append(v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v))
                                    .append('|');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private byte[] export(Installation from, String snapshot) throws Exception {
        SchemaExportReply reply = exportReply(from, snapshot);
        try (InputStream in =
                new BodyStreamReader(client, reply.stream(), BackupSubjects.PULL_TIMEOUT).inputStream(null)) {
            return in.readAllBytes();
        }
    }

    private SchemaExportReply exportReply(Installation from, String snapshot) {
        return from.requester()
                .call(
                        BackupSubjects.exportOf(SERVICE),
                        new SchemaExportRequest("test", snapshot),
                        SchemaExportReply.class,
                        BackupSubjects.EXPORT_TIMEOUT);
    }

    private SchemaImportReply load(Installation into, byte[] part, String version, boolean replace) {
        BodyStreamHolder.HeldStream stream = held.register(ChunkProducer.of(part));
        return into.requester()
                .call(
                        BackupSubjects.importOf(SERVICE),
                        new SchemaImportRequest("test", version, stream.subject(), replace),
                        SchemaImportReply.class,
                        BackupSubjects.IMPORT_TIMEOUT);
    }

    @Test
    void exportThenImportIntoAnEmptySchemaGivesEqualRowsAndSequencesGoOnAfterThem() throws Exception {
        Installation source = installation("v1");
        populate(source.pg());
        SchemaExportReply reply = exportReply(source, null);
        assertThat(reply.tables()).containsExactly("node", "z_app", "a_version");
        assertThat(reply.schemaVersion()).isEqualTo("1");
        assertThat(reply.snapshotMode()).isEqualTo(SchemaExportReply.OWN);
        assertThat(reply.userRows()).isEqualTo(7); // every row counts when the service names no query
        new BodyStreamReader(client, reply.stream(), BackupSubjects.PULL_TIMEOUT).cancel();
        byte[] part = export(source, null);

        Installation target = installation("v1");
        SchemaExportReply empty = exportReply(target, null);
        assertThat(empty.userRows()).isZero();
        new BodyStreamReader(client, empty.stream(), BackupSubjects.PULL_TIMEOUT).cancel();
        SchemaImportReply imported = load(target, part, "1", false);

        assertThat(imported.rows())
                .containsEntry("z_app", 3L)
                .containsEntry("a_version", 2L)
                .containsEntry("node", 2L);
        assertThat(rows(target.pg())).isEqualTo(rows(source.pg()));
        try (var c = target.pg().connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("INSERT INTO deploy.z_app (name) VALUES ('new') RETURNING id")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(4); // the identity continues after the restored rows
        }
    }

    @Test
    void aSchemaWithRowsIsRefusedUnlessReplacedAndKeepsItsRows() throws Exception {
        Installation source = installation("v1");
        populate(source.pg());
        byte[] part = export(source, null);
        Installation target = installation("v1");
        try (var c = target.pg().connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO deploy.node (label) VALUES ('already here')");
        }
        List<String> before = rows(target.pg());

        assertThatThrownBy(() -> load(target, part, "1", false))
                .isInstanceOfSatisfying(CallFailure.Problem.class, p -> {
                    assertThat(p.problem().status()).isEqualTo(409);
                    assertThat(p.problem().type()).endsWith("/deploy/backup-schema-not-empty");
                    assertThat(p.problem().detail()).contains("node");
                });
        assertThat(rows(target.pg())).isEqualTo(before);

        load(target, part, "1", true);
        assertThat(rows(target.pg())).isEqualTo(rows(source.pg()));
    }

    @Test
    void aCutOrAlteredPartIsRefusedAndTheSchemaStaysEmpty() throws Exception {
        Installation source = installation("v1");
        populate(source.pg());
        byte[] part = export(source, null);
        Installation target = installation("v1");

        byte[] cut = Arrays.copyOf(part, part.length - 20);
        String text = new String(part, StandardCharsets.UTF_8);
        byte[] unknownTable = text.replace("table node ", "table pg_authid ").getBytes(StandardCharsets.UTF_8);
        byte[] injected = text.replace("table node id,", "table node id) TO PROGRAM 'x' --,")
                .getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : List.of(cut, unknownTable, injected)) {
            assertThatThrownBy(() -> load(target, bad, "1", false))
                    .isInstanceOfSatisfying(
                            CallFailure.Problem.class,
                            p -> assertThat(p.problem().type()).endsWith("/deploy/backup-part-malformed"));
        }
        assertThat(rows(target.pg())).isEmpty();
    }

    @Test
    void aPartFromANewerSchemaIsRefused() throws Exception {
        Installation newer = installation("v2");
        populate(newer.pg());
        byte[] part = export(newer, null);
        Installation older = installation("v1");

        assertThatThrownBy(() -> load(older, part, "2", false))
                .isInstanceOfSatisfying(
                        CallFailure.Problem.class,
                        p -> assertThat(p.problem().type()).endsWith("/deploy/backup-schema-newer"));
        // The version inside the part is checked too, whatever the request claims.
        assertThatThrownBy(() -> load(older, part, "1", false))
                .isInstanceOfSatisfying(
                        CallFailure.Problem.class,
                        p -> assertThat(p.problem().type()).endsWith("/deploy/backup-schema-newer"));
        assertThat(rows(older.pg())).isEmpty();
    }

    @Test
    void anOlderPartGoesIntoANewerSchemaWithTheLaterColumnsDefaulted() throws Exception {
        Installation older = installation("v1");
        populate(older.pg());
        Installation newer = installation("v2");

        load(newer, export(older, null), "1", false);

        assertThat(rows(newer.pg())).isEqualTo(rows(older.pg()));
    }

    @Test
    void anExportInTheCoordinatorsSnapshotSeesNothingCommittedAfterIt() throws Exception {
        Installation source = installation("v1");
        populate(source.pg());
        try (var coordinator = source.pg().connect()) {
            coordinator.setAutoCommit(false);
            coordinator.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            try (Statement s = coordinator.createStatement();
                    ResultSet r = s.executeQuery("SELECT pg_export_snapshot()")) {
                r.next();
                snapshot = r.getString(1);
            }
            try (var other = source.pg().connect();
                    Statement s = other.createStatement()) {
                s.execute("INSERT INTO deploy.node (label) VALUES ('after the snapshot')");
            }

            assertThat(exportReply(source, snapshot).snapshotMode()).isEqualTo(SchemaExportReply.SHARED);
            String part = new String(export(source, snapshot), StandardCharsets.UTF_8);
            assertThat(part).contains("root").doesNotContain("after the snapshot");
            coordinator.rollback();
        }
        // A snapshot this database does not know: the export reads with its own and says so.
        SchemaExportReply own = exportReply(source, "00000003-0000FFFF-1");
        assertThat(own.snapshotMode()).isEqualTo(SchemaExportReply.OWN);
        new BodyStreamReader(client, own.stream(), BackupSubjects.PULL_TIMEOUT).cancel();
    }

    @Test
    void tablesThatAreNotDataStayOutAndTheStatementsAfterAnImportRunInItsTransaction() throws Exception {
        Installation source =
                installation("v1", new SchemaBackup.Options(java.util.Set.of("a_version"), List.of(), null));
        populate(source.pg());
        SchemaExportReply reply = exportReply(source, null);
        assertThat(reply.tables()).containsExactly("node", "z_app");
        new BodyStreamReader(client, reply.stream(), BackupSubjects.PULL_TIMEOUT).cancel();
        byte[] part = export(source, null);
        assertThat(new String(part, StandardCharsets.UTF_8)).doesNotContain("table a_version");

        Installation target = installation(
                "v1",
                new SchemaBackup.Options(
                        java.util.Set.of("a_version"),
                        List.of("UPDATE deploy.node SET label = label || ' (restored)' WHERE parent IS NULL"),
                        "SELECT count(*) FROM deploy.z_app WHERE name <> 'seeded'"));
        try (var c = target.pg().connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO deploy.z_app (name) VALUES ('seeded')");
        }
        SchemaExportReply fresh = exportReply(target, null);
        assertThat(fresh.userRows()).isZero(); // what the installation made itself does not count
        new BodyStreamReader(client, fresh.stream(), BackupSubjects.PULL_TIMEOUT).cancel();
        try (var c = target.pg().connect();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM deploy.z_app");
        }
        SchemaImportReply imported = load(target, part, "1", false);
        assertThat(imported.rows()).containsOnlyKeys("node", "z_app");
        try (var c = target.pg().connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT label FROM deploy.node ORDER BY id")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("root (restored)");
            r.next();
            assertThat(r.getString(1)).isEqualTo("child");
        }
    }
}
