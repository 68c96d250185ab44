package fazt.auth.config;

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
    /** What a user made: accounts, API tokens, app login settings and app end-users (not the bootstrap token). */
    static final String USER_ROWS = "SELECT (SELECT count(*) FROM app_user) + (SELECT count(*) FROM api_token)"
            + " + (SELECT count(*) FROM app_provider) + (SELECT count(*) FROM app_access)"
            + " + (SELECT count(*) FROM app_end_user)";

    @Singleton
    @Bean(preDestroy = "close")
    SchemaBackup schemaBackup(DataSource dataSource, NatsSession nats) {
        return new SchemaBackup(
                ServiceName.AUTH,
                dataSource,
                nats.connection(),
                new SchemaBackup.Options(Set.of(), List.of(), USER_ROWS));
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
