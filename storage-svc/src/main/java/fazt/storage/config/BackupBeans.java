package fazt.storage.config;

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
    /** What a user made: KV values, documents and app files (site files come with apps, which deploy-svc counts). */
    static final String USER_ROWS = "SELECT (SELECT count(*) FROM kv_entry) + (SELECT count(*) FROM document)"
            + " + (SELECT count(*) FROM app_file)";

    @Singleton
    @Bean(preDestroy = "close")
    SchemaBackup schemaBackup(DataSource dataSource, NatsSession nats) {
        // backup_run records the archives of the installation, not its data (ADR 39).
        return new SchemaBackup(
                ServiceName.STORAGE,
                dataSource,
                nats.connection(),
                new SchemaBackup.Options(Set.of("backup_run"), List.of(), USER_ROWS));
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
