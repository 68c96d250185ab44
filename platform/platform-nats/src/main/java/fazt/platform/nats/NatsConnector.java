package fazt.platform.nats;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the one NATS connection a service uses. The first connect must succeed within {@link #FIRST_CONNECT}
 * (a service that cannot reach NATS at start says so and stops); after that the client reconnects forever, with
 * jitter, buffering outgoing messages meanwhile. The client pings the server every {@link #PING_INTERVAL} and
 * reconnects when {@link #MAX_PINGS_OUT} pings went unanswered (a server that stopped answering, or a reader thread of
 * this connection that died): a connection is never silent for minutes (ADR 0035; the client's default is 2 minutes
 * between pings). The watchdog of platform-service adds its own round trip and forces a reconnect on silence.
 */
public final class NatsConnector {
    /** How long a starting service keeps trying to reach NATS. */
    public static final Duration FIRST_CONNECT = Duration.ofSeconds(10);
    /** The pause between two tries of the first connect. */
    static final Duration FIRST_CONNECT_PAUSE = Duration.ofMillis(250);
    /** How often the client pings the server when nothing else tells it the connection is alive. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(5);
    /** Unanswered pings after which the client drops the connection and reconnects. */
    public static final int MAX_PINGS_OUT = 2;

    private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

    private NatsConnector() {}

    /**
     * Connects to {@code url} without credentials and with the client's default inbox prefix, naming the connection
     * {@code name} (shown by {@code nats server report connections}); for tools and tests.
     */
    public static Connection connect(String url, String name) throws IOException, InterruptedException {
        return firstConnect(builder(url, name).build(), url, FIRST_CONNECT);
    }

    /**
     * Connects to {@code url} as {@code identity} (ADR 31): its inbox prefix, its nkey when it has one, its CA for
     * {@code tls://}.
     */
    public static Connection connect(String url, String name, NatsIdentity identity)
            throws IOException, InterruptedException {
        return firstConnect(options(url, name, identity), url, FIRST_CONNECT);
    }

    /** The options {@link #connect(String, String, NatsIdentity)} uses. */
    static Options options(String url, String name, NatsIdentity identity) throws IOException {
        Options.Builder builder = builder(url, name).inboxPrefix(identity.inboxPrefix());
        if (identity.seed() != null) {
            builder.authHandler(Nats.staticCredentials(null, identity.seed()));
        }
        var ssl = identity.sslContext();
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    private static Options.Builder builder(String url, String name) {
        return Options.builder()
                .server(url)
                .connectionName(name)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .reconnectJitter(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(PING_INTERVAL)
                .maxPingsOut(MAX_PINGS_OUT)
                .connectionListener(listener(name))
                .errorListener(new LoggingErrorListener());
    }

    /** Tries {@code options} every {@link #FIRST_CONNECT_PAUSE} until it connects or {@code within} has passed. */
    static Connection firstConnect(Options options, String url, Duration within)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Retry retry = Retry.of(
                "nats-first-connect",
                RetryConfig.custom()
                        .maxAttempts(Integer.MAX_VALUE)
                        .waitDuration(FIRST_CONNECT_PAUSE)
                        .retryOnException(e -> e instanceof IOException && System.nanoTime() <= deadline)
                        .build());
        try {
            return retry.executeCallable(() -> Nats.connect(options));
        } catch (IOException e) {
            if (Thread.interrupted()) {
                // Retry gives up on an interrupt during its pause and keeps the flag; say so as an interrupt.
                throw new InterruptedException("interrupted while connecting to NATS");
            }
            // The client's message repeats the URL, credentials and all.
            throw new IOException(
                    "cannot reach NATS at " + withoutCredentials(url) + " ("
                            + withoutCredentials(String.valueOf(e.getMessage())) + ")",
                    e);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("connecting to NATS failed unexpectedly", e);
        }
    }

    private static String withoutCredentials(String text) {
        return text.replaceAll("//[^/@\\s]*@", "//***@");
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

    private static final class LoggingErrorListener implements ErrorListener {
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
