package fazt.scheduler.config;

import fazt.platform.backup.SchemaBackup;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.nats.NatsSession;
import fazt.proto.ServiceName;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** This service's schema in backups and restores (ADR 39): it exports and imports its own tables, nobody else. */
@Factory
final class BackupBeans {
    /** What a user made: runs and webhooks (schedules come with apps, which deploy-svc counts). */
    static final String USER_ROWS = "SELECT (SELECT count(*) FROM run) + (SELECT count(*) FROM hook)";

    @Singleton
    @Bean(preDestroy = "close")
    SchemaBackup schemaBackup(DataSource dataSource, NatsSession nats) {
        // The work queue is not in the archive (it lives in JetStream): a run that was queued, running or waiting for a
        // retry at backup time is queued again, and the outbox sweep (ADR 11) hands it to the queue.
        return new SchemaBackup(
                ServiceName.SCHEDULER,
                dataSource,
                nats.connection(),
                new SchemaBackup.Options(
                        Set.of(),
                        List.of(
                                "UPDATE attempt SET status = 'lost', ended_at = now(), counted = false,"
                                        + " error = 'restored from a backup while running' WHERE status = 'running'",
                                "UPDATE run SET status = 'queued', enqueued_at = NULL, next_attempt_at = NULL"
                                        + " WHERE status IN ('queued', 'running', 'retrying')"),
                        USER_ROWS));
    }

    @Singleton
    @Named("backup-export")
    RequestEndpoint backupExport(SchemaBackup backup) {
        return backup.exportEndpoint();
    }

    @Singleton
    @Named("backup-import")
    RequestEndpoint backupImport(SchemaBackup backup) {
        return backup.importEndpoint();
    }
}
