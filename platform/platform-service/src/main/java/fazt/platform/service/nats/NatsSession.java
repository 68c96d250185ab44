package fazt.platform.service.nats;

import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.NatsConnector;
import fazt.platform.nats.NatsIdentity;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.PlatformSettings;
import fazt.platform.service.ServiceIdentity;
import fazt.platform.service.settings.SettingsException;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.nats.client.Connection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one NATS connection, opened when the context starts (eagerly, so a service that cannot reach NATS
 * never reports itself started) and drained when it stops.
 */
@Context
public final class NatsSession {
    /** How long closing waits for buffered messages and subscriptions to drain. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(NatsSession.class);
    private final Connection connection;

    NatsSession(BootstrapSettings settings, ServiceIdentity identity) {
        try {
            this.connection = NatsConnector.connect(
                    settings.natsUrl(),
                    "fazt-" + identity.name().id() + "@" + identity.instance(),
                    natsIdentity(settings, identity));
        } catch (IOException e) {
            throw new SettingsException("NATS_URL", e.getMessage() + "; is nats-server running with -js?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
    }

    /** The service's inbox prefix, and its seed and CA when set (ADR 31). */
    static NatsIdentity natsIdentity(BootstrapSettings settings, ServiceIdentity identity) {
        NatsIdentity nats = NatsIdentity.of(settings.root(), identity.name());
        if (settings.natsSeedFile() != null) {
            try {
                nats = nats.withSeedFile(Path.of(settings.natsSeedFile()));
            } catch (IOException e) {
                throw new SettingsException(
                        PlatformSettings.NATS_SEED_FILE.name(),
                        "cannot read the NATS seed of " + identity.name().id() + ": " + e.getMessage()
                                + "; run fazt-server provision with FAZT_NATS_CREDENTIALS_DIR set");
            }
        }
        if (settings.natsCaFile() != null) {
            nats = nats.withCaFile(Path.of(settings.natsCaFile()));
        }
        return nats;
    }

    public Connection connection() {
        return connection;
    }

    @PreDestroy
    void close() {
        try {
            connection.drain(DRAIN_TIMEOUT).get();
        } catch (Exception e) {
            log.warn("nats drain incomplete reason={}", e.getClass().getSimpleName());
        } finally {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Exposes the connection, a typed requester and the event publisher to the service's beans. */
    @Factory
    static final class Beans {
        @Singleton
        @Bean(typed = Connection.class)
        Connection connection(NatsSession session) {
            return session.connection();
        }

        @Singleton
        NatsRequester requester(NatsSession session, BootstrapSettings settings) {
            return new NatsRequester(session.connection(), settings.root());
        }

        @Singleton
        EventPublisher events(NatsSession session, BootstrapSettings settings) {
            return new EventPublisher(session.connection(), settings.root());
        }
    }
}
