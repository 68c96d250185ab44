package fazt.storage.backup;

import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.nats.NatsRequester;
import fazt.proto.ServiceName;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.backup.SchemaExportReply;
import fazt.proto.backup.SchemaExportRequest;
import io.nats.client.Connection;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Every service's schema exported at one instant (ADR 39): this service opens a REPEATABLE READ transaction, exports
 * its snapshot with {@code pg_export_snapshot()}, and asks every service to export its own tables in that snapshot;
 * once all have answered (each has imported the snapshot by then) the transaction ends, and the parts are pulled
 * in parallel into spool files.
 */
final class SchemaExports {
    /** One exported schema, spooled. */
    record Exported(ServiceName service, SchemaExportReply reply, SpooledPart part) {}

    private final DataSource dataSource;
    private final Connection nats;
    private final NatsRequester requester;

    SchemaExports(DataSource dataSource, Connection nats, NatsRequester requester) {
        this.dataSource = dataSource;
        this.nats = nats;
        this.requester = requester;
    }

    /**
     * Exports {@code services} into {@code spool} ({@code <service>.part}); {@code progress} sees the bytes as they
     * arrive, {@code partDone} each part as it is complete. With {@code shared} false each reads its own snapshot.
     */
    List<Exported> export(
            List<ServiceName> services, Path spool, boolean shared, LongConsumer progress, Runnable partDone)
            throws Exception {
        Map<ServiceName, SchemaExportReply> replies = new LinkedHashMap<>();
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String snapshot = null;
            if (shared) {
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT pg_export_snapshot()")) {
                    r.next();
                    snapshot = r.getString(1);
                }
            }
            Map<ServiceName, CompletableFuture<SchemaExportReply>> asked = new LinkedHashMap<>();
            for (ServiceName service : services) {
                asked.put(
                        service,
                        requester.request(
                                BackupSubjects.exportOf(service),
                                new SchemaExportRequest(ServiceName.STORAGE.id(), snapshot),
                                SchemaExportReply.class,
                                BackupSubjects.EXPORT_TIMEOUT));
            }
            for (var entry : asked.entrySet()) {
                replies.put(
                        entry.getKey(),
                        NatsRequester.await(
                                BackupSubjects.exportOf(entry.getKey()),
                                BackupSubjects.EXPORT_TIMEOUT,
                                entry.getValue()));
            }
            c.rollback(); // every service reads in the snapshot now; ours is no longer needed
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the backup's snapshot: " + e.getMessage(), e);
        }
        try (ExecutorService pulls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Exported>> pulled = new ArrayList<>();
            for (var entry : replies.entrySet()) {
                pulled.add(pulls.submit(() -> {
                    SchemaExportReply reply = entry.getValue();
                    try (InputStream in =
                            new BodyStreamReader(nats, reply.stream(), BackupSubjects.PULL_TIMEOUT).inputStream(null)) {
                        SpooledPart part = SpooledPart.spool(
                                in, spool.resolve(entry.getKey().id() + ".part"), progress);
                        partDone.run();
                        return new Exported(entry.getKey(), reply, part);
                    }
                }));
            }
            List<Exported> done = new ArrayList<>();
            for (Future<Exported> f : pulled) {
                try {
                    done.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return done;
        }
    }
}
