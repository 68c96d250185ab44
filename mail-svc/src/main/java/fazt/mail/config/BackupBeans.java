package fazt.mail.config;

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
    /** What a user made: mail received and sent, addresses, the relay. */
    static final String USER_ROWS = "SELECT (SELECT count(*) FROM message) + (SELECT count(*) FROM outbound)"
            + " + (SELECT count(*) FROM address) + (SELECT count(*) FROM relay)";

    @Singleton
    @Bean(preDestroy = "close")
    SchemaBackup schemaBackup(DataSource dataSource, NatsSession nats) {
        // The outbound work queue lives in JetStream and is not in the archive: mail that was still on its way at
        // backup
        // time is marked failed with the reason, so it shows instead of waiting for a queue message that never comes.
        return new SchemaBackup(
                ServiceName.MAIL,
                dataSource,
                nats.connection(),
                new SchemaBackup.Options(
                        Set.of(),
                        List.of("UPDATE outbound SET status = 'failed', finished_at = now(),"
                                + " answer = 'not sent: restored from a backup taken before it was sent; send it again'"
                                + " WHERE status IN ('queued', 'sending', 'retrying')"),
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
