package fazt.runtime.observe;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import jakarta.inject.Singleton;

/** Declares the {@link LogStreams} when runtime-svc starts; a service that cannot declare them does not start. */
@Singleton
final class LogStreamsOnStart implements ApplicationEventListener<StartupEvent> {
    private final LogStreams streams;
    private final Connection nats;

    LogStreamsOnStart(LogStreams streams, Connection nats) {
        this.streams = streams;
        this.nats = nats;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            streams.declare(nats);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot declare the app log streams on NATS (is JetStream enabled?): " + e.getMessage(), e);
        }
    }
}
