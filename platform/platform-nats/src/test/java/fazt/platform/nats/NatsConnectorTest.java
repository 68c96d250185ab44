package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The first connect: retried while it fails, then one failure that names the server without its credentials. */
class NatsConnectorTest {
    /** Nothing listens on port 1 of the loopback address, so every try is refused at once. */
    private static final String NOWHERE = "nats://fazt:s3cret@127.0.0.1:1";

    @Test
    void aServerThatNeverAnswersFailsTheFirstConnectWithoutShowingItsCredentials() {
        Options options = Options.builder()
                .server(NOWHERE)
                .connectionTimeout(Duration.ofMillis(200))
                .build();

        assertThatThrownBy(() -> NatsConnector.firstConnect(options, NOWHERE, Duration.ofMillis(600)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot reach NATS at nats://***@127.0.0.1:1 (")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anInterruptWhileWaitingToTryAgainEndsTheFirstConnectAsAnInterrupt() {
        Options options = Options.builder()
                .server(NOWHERE)
                .connectionTimeout(Duration.ofMillis(200))
                .build();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> NatsConnector.firstConnect(options, NOWHERE, Duration.ofMinutes(1)))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
