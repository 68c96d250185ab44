package fazt.platform.service.health;

import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Ready while the NATS connection is connected (not reconnecting, not closed) and answers: a connection silent past
 * its ping interval is not ready ({@link NatsWatchdog}).
 */
@Singleton
final class NatsReadiness implements ReadinessCheck {
    private final NatsWatchdog watchdog;

    NatsReadiness(NatsWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public Optional<String> problem() {
        return watchdog.problem();
    }
}
