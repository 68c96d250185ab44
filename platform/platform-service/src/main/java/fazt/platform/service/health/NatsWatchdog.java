package fazt.platform.service.health;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.nats.NatsConnector;
import io.micronaut.context.annotation.Context;
import io.nats.client.Connection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows when the service last heard from NATS (ADR 0035): every {@link NatsConnector#PING_INTERVAL} a round trip to
 * the server; a connection that says CONNECTED but has answered none for longer than {@link #SILENCE_LIMIT} (a server
 * that stopped, a reader thread of the client that died) is silent: {@link NatsReadiness} reports it, and the watchdog
 * forces the client to reconnect. The client's own pings do the same on their own; this is the backstop that does not
 * rely on the client's timer, and it makes health say DOWN within seconds of the silence.
 */
@Context
public final class NatsWatchdog {
    /** Silence after which the connection counts as dead though the client still calls it connected. */
    public static final Duration SILENCE_LIMIT = NatsConnector.PING_INTERVAL.multipliedBy(2);

    private static final Logger log = LoggerFactory.getLogger(NatsWatchdog.class);

    private final Connection nats;
    private final Duration silenceLimit;
    private final BackgroundLoop loop;
    private volatile long lastHeard = System.nanoTime();

    @Inject
    NatsWatchdog(Connection nats) {
        this(nats, NatsConnector.PING_INTERVAL, SILENCE_LIMIT);
    }

    /** A watchdog that probes every {@code interval} and calls a connection silent after {@code silenceLimit}. */
    public NatsWatchdog(Connection nats, Duration interval, Duration silenceLimit) {
        this.nats = nats;
        this.silenceLimit = silenceLimit;
        this.loop = BackgroundLoop.every("nats-watchdog", interval, this::probe);
    }

    /** Empty while NATS answers; otherwise what is wrong: the client's state, or how long it has been silent. */
    public Optional<String> problem() {
        Connection.Status status = nats.getStatus();
        if (status != Connection.Status.CONNECTED) {
            return Optional.of(status.name().toLowerCase());
        }
        Duration silent = silentFor();
        return silent.compareTo(silenceLimit) > 0
                ? Optional.of("no answer from NATS for " + silent.toSeconds() + " s")
                : Optional.empty();
    }

    private Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    private void probe() throws InterruptedException {
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            // the client is at it already; silence counts from its reconnect on
            lastHeard = System.nanoTime();
            return;
        }
        try {
            nats.RTT();
            lastHeard = System.nanoTime();
            return;
        } catch (Exception e) {
            // no pong within the connect timeout: silent, unless it was a moment ago
        }
        Duration silent = silentFor();
        if (silent.compareTo(silenceLimit) > 0 && nats.getStatus() == Connection.Status.CONNECTED) {
            log.warn("nats silent, forcing a reconnect silentSeconds={}", silent.toSeconds());
            try {
                nats.forceReconnect();
            } catch (IOException e) {
                log.warn("nats forced reconnect failed reason={}", e.getClass().getSimpleName());
            }
        }
    }

    @PreDestroy
    void stop() {
        loop.stop(Duration.ofSeconds(5));
    }
}
