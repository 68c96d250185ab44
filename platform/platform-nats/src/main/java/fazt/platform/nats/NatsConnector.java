package fazt.platform.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the one NATS connection a service uses. The first connect must succeed within {@link #FIRST_CONNECT}
 * (a service that cannot reach NATS at start says so and stops); after that the client reconnects forever, with
 * jitter, buffering outgoing messages meanwhile.
 */
public final class NatsConnector {
    /** How long a starting service keeps trying to reach NATS. */
    public static final Duration FIRST_CONNECT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

    private NatsConnector() {}

    /** Connects to {@code url}, naming the connection {@code name} (shown by {@code nats server report connections}). */
    public static Connection connect(String url, String name) throws IOException, InterruptedException {
        Options options = Options.builder()
                .server(url)
                .connectionName(name)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .reconnectJitter(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(listener(name))
                .errorListener(new LoggingErrorListener())
                .build();
        long deadline = System.nanoTime() + FIRST_CONNECT.toNanos();
        while (true) {
            try {
                return Nats.connect(options);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot reach NATS at " + url.replaceAll("//[^/@]*@", "//***@") + " (" + e.getMessage() + ")", e);
                }
                Thread.sleep(250);
            }
        }
    }

    private static ConnectionListener listener(String name) {
        return (conn, event) -> {
            switch (event) {
                case DISCONNECTED -> log.warn("nats disconnected connection={}", name);
                case RECONNECTED -> log.info("nats reconnected connection={}", name);
                case CLOSED -> log.debug("nats closed connection={}", name);
                default -> log.debug("nats event={} connection={}", event, name);
            }
        };
    }

    private static final class LoggingErrorListener implements io.nats.client.ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            log.warn("nats error error={}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            log.warn("nats exception type={}", exp.getClass().getSimpleName());
        }
    }
}
