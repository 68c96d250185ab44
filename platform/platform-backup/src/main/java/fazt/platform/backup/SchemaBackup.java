package fazt.platform.backup;

import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.ChunkProducer;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.ServiceName;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.backup.SchemaExportReply;
import fazt.proto.backup.SchemaExportRequest;
import fazt.proto.backup.SchemaImportReply;
import fazt.proto.backup.SchemaImportRequest;
import fazt.proto.problem.Problem;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own schema as backup parts (ADR 39): answers {@code svc.<service>.backup.export} by streaming its
 * tables as a {@link SchemaPart} read in one snapshot, and {@code svc.<service>.backup.import} by pulling a part and
 * loading it in one transaction. The service's pool and role do all the work, so no service reads another's tables.
 * A service makes one, hands {@link #endpoints()} to its endpoint registration, and closes it when it stops.
 */
public final class SchemaBackup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchemaBackup.class);
    /** What {@code pg_export_snapshot()} returns: hex groups joined by dashes. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]{1,16}(-[0-9A-F]{1,16}){1,3}");
    /** A body stream subject: NATS tokens, no wildcards. */
    private static final Pattern STREAM_SUBJECT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){1,15}");

    private final ServiceName service;
    private final java.util.Set<String> notData;
    private final List<String> afterImport;
    private final String userRows;
    private final DataSource dataSource;
    private final io.nats.client.Connection nats;
    private final BodyStreamHolder parts;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * How a service's schema differs from plain data.
     *
     * @param notData     tables about the installation rather than its data (e.g. the record of the backups): neither
     *                    exported nor replaced
     * @param afterImport statements run in the import's transaction after the rows are in, for state that lived
     *                    outside PostgreSQL (e.g. queue again what a work queue held): they must only touch the schema
     * @param userRows    a query returning one number: the rows a user made, not those a fresh installation creates
     *                    itself (a restore goes only into an installation where every service counts 0); null counts
     *                    every row of every data table
     */
    public record Options(java.util.Set<String> notData, List<String> afterImport, String userRows) {
        public static final Options NONE = new Options(java.util.Set.of(), List.of(), null);

        public Options {
            notData = java.util.Set.copyOf(notData);
            afterImport = List.copyOf(afterImport);
        }
    }

    public SchemaBackup(ServiceName service, DataSource dataSource, io.nats.client.Connection nats) {
        this(service, dataSource, nats, Options.NONE);
    }

    public SchemaBackup(ServiceName service, DataSource dataSource, io.nats.client.Connection nats, Options options) {
        this.notData = options.notData();
        this.afterImport = options.afterImport();
        this.userRows = options.userRows();
        this.service = service;
        this.dataSource = dataSource;
        this.nats = nats;
        this.parts = new BodyStreamHolder(nats);
    }

    /** The export and import endpoints, to register with the service's others. */
    public List<RequestEndpoint> endpoints() {
        return List.of(exportEndpoint(), importEndpoint());
    }

    /** {@code svc.<service>.backup.export}. */
    public RequestEndpoint exportEndpoint() {
        return endpoint(BackupSubjects.exportOf(service), this::export);
    }

    /** {@code svc.<service>.backup.import}. */
    public RequestEndpoint importEndpoint() {
        return endpoint(BackupSubjects.importOf(service), this::load);
    }

    private static RequestEndpoint endpoint(String subject, Handler handler) {
        return new RequestEndpoint() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Object handle(IncomingRequest request) throws Exception {
                return handler.handle(request);
            }
        };
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(IncomingRequest request) throws Exception;
    }

    private String schema() {
        return service.id();
    }

    SchemaExportReply export(IncomingRequest request) throws SQLException {
        SchemaExportRequest asked = request.body(SchemaExportRequest.class);
        if (asked.snapshot() != null && !SNAPSHOT_ID.matcher(asked.snapshot()).matches()) {
            throw problem(400, "backup-bad-snapshot", "Bad snapshot id", "The snapshot id is not one PostgreSQL made.");
        }
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String mode = SchemaExportReply.OWN;
            if (asked.snapshot() != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION SNAPSHOT '" + asked.snapshot() + "'");
                    mode = SchemaExportReply.SHARED;
                } catch (SQLException e) {
                    // Another database server, or the coordinator's transaction is gone: read in a snapshot of our
                    // own, and say so, so the manifest records that this schema was read at another instant.
                    c.rollback();
                    log.warn("backup export cannot use the shared snapshot, reading with its own: {}", e.getMessage());
                }
            }
            String version = SchemaCatalog.schemaVersion(c, schema()).orElse("0");
            List<String> tables = SchemaCatalog.tablesInLoadOrder(c, schema(), notData);
            long made = countUserRows(c, tables);
            ChunkPipe pipe = new ChunkPipe();
            BodyStreamHolder.HeldStream held = parts.register(ChunkProducer.blocking(pipe, workers));
            workers.execute(() -> write(c, version, tables, pipe));
            return new SchemaExportReply(service.id(), version, mode, tables, held.subject(), made);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** The service's count of rows a user made, in the export's snapshot; without one, every data row counts. */
    private long countUserRows(Connection c, List<String> tables) throws SQLException {
        String query = userRows;
        if (query == null) {
            query = tables.isEmpty()
                    ? "SELECT 0"
                    : "SELECT "
                            + String.join(
                                    " + ",
                                    tables.stream()
                                            .map(t -> "(SELECT count(*) FROM " + SchemaCatalog.quoted(schema()) + "."
                                                    + SchemaCatalog.quoted(t) + ")")
                                            .toList());
        }
        try (Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void write(Connection c, String version, List<String> tables, ChunkPipe pipe) {
        try (OutputStream out = pipe.output()) {
            Map<String, Long> rows = SchemaPart.write(c, service.id(), schema(), version, tables, out);
            log.info(
                    "backup export written tables={} rows={}",
                    rows.size(),
                    rows.values().stream().mapToLong(Long::longValue).sum());
        } catch (Exception e) {
            log.warn("backup export failed: {}", e.getMessage());
            pipe.fail(e);
        } finally {
            closeQuietly(c);
        }
    }

    SchemaImportReply load(IncomingRequest request) throws Exception {
        SchemaImportRequest asked = request.body(SchemaImportRequest.class);
        if (asked.stream() == null || !STREAM_SUBJECT.matcher(asked.stream()).matches()) {
            throw problem(400, "backup-bad-stream", "Bad part stream", "The part's body stream subject is missing.");
        }
        BodyStreamReader reader = new BodyStreamReader(nats, asked.stream(), BackupSubjects.PULL_TIMEOUT);
        try (Connection c = dataSource.getConnection();
                InputStream in = reader.inputStream(null)) {
            c.setAutoCommit(false);
            try {
                String own = SchemaCatalog.schemaVersion(c, schema()).orElse("0");
                if (asked.schemaVersion() != null) {
                    PartImport.refuseNewer(asked.schemaVersion(), own);
                }
                Map<String, Long> rows = PartImport.load(c, service.id(), schema(), own, in, asked.replace(), notData);
                try (Statement s = c.createStatement()) {
                    for (String statement : afterImport) {
                        s.execute(statement);
                    }
                }
                c.commit();
                log.info("backup import committed tables={}", rows.size());
                return new SchemaImportReply(service.id(), own, rows);
            } catch (Exception e) {
                c.rollback();
                reader.cancel();
                if (e instanceof PartRefused refused) {
                    throw problem(
                            PartRefused.NOT_EMPTY.equals(refused.code()) ? 409 : 422,
                            "backup-" + refused.code(),
                            "Backup part refused",
                            refused.getMessage());
                }
                throw e;
            }
        }
    }

    private ProblemException problem(int status, String code, String title, String detail) {
        return new ProblemException(Problem.of(status, service.id() + "/" + code, title, detail));
    }

    private static void closeQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.close();
        } catch (SQLException e) {
            log.debug("closing the export connection: {}", e.getMessage());
        }
    }

    /** Drops parts not yet read and stops the workers. */
    @Override
    public void close() {
        parts.close();
        workers.shutdownNow();
    }
}
