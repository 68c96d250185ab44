package fazt.platform.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.NatsConnector;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's NATS connection to a server that stops answering (SIGSTOP: the socket stays open, nothing comes back,
 * as with a reader thread of the client that died) is reported not ready and comes back by itself once the server
 * answers again (SIGCONT), with no restart of the service (ADR 0035).
 */
class NatsWatchdogIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Process server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new ProcessBuilder("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nats.log").toFile())
                .start();
        waitFor("nats-server listening", () -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            signal("CONT");
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSilentConnectionIsNotReadyAndReconnectsWhenTheServerAnswersAgain() throws Exception {
        try (Connection nats = NatsConnector.connect("nats://127.0.0.1:" + port, "watchdog-test")) {
            NatsWatchdog watchdog = new NatsWatchdog(nats, Duration.ofMillis(300), Duration.ofSeconds(1));
            try {
                Dispatcher echo = nats.createDispatcher(m -> nats.publish(m.getReplyTo(), m.getData()));
                echo.subscribe("echo");
                assertThat(watchdog.problem()).isEmpty();
                assertThat(roundTrip(nats)).isTrue();

                signal("STOP");
                waitFor("the watchdog reports the stopped server", () -> watchdog.problem()
                        .isPresent());
                // the watchdog gives up on the silent connection: the client reconnects (to a server still stopped)
                waitFor(
                        "the client drops the silent connection",
                        () -> nats.getStatus() != Connection.Status.CONNECTED);
                Optional<String> problem = watchdog.problem();
                assertThat(problem).isPresent();

                signal("CONT");
                waitFor(
                        "the connection is ready again",
                        () -> watchdog.problem().isEmpty() && roundTrip(nats));
                assertThat(nats.getStatistics().getReconnects())
                        .as("the client reconnected (the watchdog forced it, or the client's own pings)")
                        .isPositive();
            } finally {
                watchdog.stop();
            }
        }
    }

    private static boolean roundTrip(Connection nats) {
        try {
            var reply = nats.request("echo", "ping".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
            return reply != null && new String(reply.getData(), StandardCharsets.UTF_8).equals("ping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(server.pid()))
                .inheritIO()
                .start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            Thread.sleep(100);
        }
    }
}
