package fazt.platform.service.health;

import io.nats.client.Connection;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Ready while the NATS connection is connected (not reconnecting, not closed). */
@Singleton
final class NatsReadiness implements ReadinessCheck {
    private final Connection nats;

    NatsReadiness(Connection nats) {
        this.nats = nats;
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public Optional<String> problem() {
        Connection.Status status = nats.getStatus();
        return status == Connection.Status.CONNECTED
                ? Optional.empty()
                : Optional.of(status.name().toLowerCase());
    }
}
