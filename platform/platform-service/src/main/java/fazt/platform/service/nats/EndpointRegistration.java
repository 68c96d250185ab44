package fazt.platform.service.nats;

import fazt.platform.nats.EventStreams;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.RequestMeters;
import fazt.platform.nats.ServiceEndpoints;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Once every bean is ready, declares the service's event stream and registers all its {@link RequestEndpoint} beans
 * as one ADR-32 service; on shutdown it stops taking requests first, so in-flight work can finish before the
 * connection drains.
 */
@Singleton
final class EndpointRegistration implements ApplicationEventListener<StartupEvent> {
    private final NatsSession session;
    private final BootstrapSettings settings;
    private final ServiceIdentity identity;
    private final List<RequestEndpoint> endpoints;
    private final MeterRegistry meters;
    private ServiceEndpoints registered;

    EndpointRegistration(
            NatsSession session,
            BootstrapSettings settings,
            ServiceIdentity identity,
            List<RequestEndpoint> endpoints,
            MeterRegistry meters) {
        this.meters = meters;
        this.session = session;
        this.settings = settings;
        this.identity = identity;
        this.endpoints = endpoints;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            EventStreams.declare(session.connection(), settings.root(), identity.name());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot declare the event stream on NATS (is JetStream enabled? start" + " nats-server with -js): "
                            + e.getMessage(),
                    e);
        }
        registered = ServiceEndpoints.start(
                session.connection(),
                settings.root(),
                identity.name(),
                identity.version(),
                identity.instance(),
                endpoints,
                new RequestMeters(meters));
    }

    @PreDestroy
    synchronized void stop() {
        if (registered != null) {
            registered.close();
            registered = null;
        }
    }
}
