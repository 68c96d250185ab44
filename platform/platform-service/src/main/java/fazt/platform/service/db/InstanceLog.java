package fazt.platform.service.db;

import fazt.platform.service.ServiceIdentity;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this instance's start and stop into the service's {@code instance} table, so operators can see which
 * copies ran against a schema and whether each stopped cleanly ({@code stopped_at} stays empty after a crash).
 */
@Singleton
final class InstanceLog implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(InstanceLog.class);
    private final DataSource dataSource;
    private final ServiceIdentity identity;

    InstanceLog(DataSource dataSource, ServiceIdentity identity) {
        this.dataSource = dataSource;
        this.identity = identity;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        execute("INSERT INTO instance (instance_id, started_at, version) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                identity.version());
    }

    @PreDestroy
    void stopped() {
        execute("UPDATE instance SET stopped_at = now() WHERE instance_id = ? AND started_at = ?", null);
    }

    private void execute(String sql, String version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, identity.instance());
            s.setTimestamp(2, Timestamp.from(identity.startedAt()));
            if (version != null) {
                s.setString(3, version);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            // Bookkeeping only: the service works without it, so a failure is logged, not thrown.
            log.warn("instance log not written sqlState={}", e.getSQLState());
        }
    }

}
