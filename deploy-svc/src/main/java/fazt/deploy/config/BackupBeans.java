package fazt.deploy.config;

import fazt.deploy.domain.SeedBuiltinApps;
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
    /** What a user made: apps other than the built-in ones deploy-svc seeds, env vars, custom domains. */
    static final String USER_ROWS = "SELECT (SELECT count(*) FROM app WHERE NOT (name = ANY ('{"
            + String.join(
                    ",",
                    SeedBuiltinApps.BUILTINS.stream()
                            .map(SeedBuiltinApps.Builtin::name)
                            .toList())
            + "}'::text[]))) + (SELECT count(*) FROM app_env) + (SELECT count(*) FROM app_domain)";

    @Singleton
    @Bean(preDestroy = "close")
    SchemaBackup schemaBackup(DataSource dataSource, NatsSession nats) {
        return new SchemaBackup(
                ServiceName.DEPLOY,
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
