package fazt.platform.service.db;

import fazt.platform.service.ServiceIdentity;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this instance's start and stop into the service's {@code instance} table, so operators can see which
 * copies ran against a schema and whether each stopped cleanly ({@code stopped_at} stays empty after a crash).
 */
@Singleton
final class InstanceLog implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(InstanceLog.class);
    private final Sql sql;
    private final ServiceIdentity identity;

    InstanceLog(Sql sql, ServiceIdentity identity) {
        this.sql = sql;
        this.identity = identity;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        execute(
                "INSERT INTO instance (instance_id, started_at, version) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                identity.instance(),
                identity.startedAt(),
                identity.version());
    }

    @PreDestroy
    void stopped() {
        execute(
                "UPDATE instance SET stopped_at = now() WHERE instance_id = ? AND started_at = ?",
                identity.instance(),
                identity.startedAt());
    }

    private void execute(String statement, Object... params) {
        try {
            sql.update(statement, params);
        } catch (DataAccessException e) {
            // Bookkeeping only: the service works without it, so a failure is logged, not thrown.
            log.warn("instance log not written sqlState={}", e.sqlState());
        }
    }
}
