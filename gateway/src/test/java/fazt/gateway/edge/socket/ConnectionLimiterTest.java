package fazt.gateway.edge.socket;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.edge.intake.TrustedProxies;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
    private final ConnectionLimiter limiter =
            new ConnectionLimiter(new EdgeLimits(null, null, null, null, 1, null, null), TrustedProxies.parse(null));

    @Test
    void onThePlainPortTheConnectionOverTheCapIsAnswered503() {
        EmbeddedChannel first = new EmbeddedChannel(limiter);
        EmbeddedChannel second = new EmbeddedChannel(limiter);
        ByteBuf written = second.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 503 ");
        written.release();
        assertThat(second.isOpen()).isFalse();
        assertThat(first.isOpen()).isTrue();
        first.close();
    }

    @Test
    void onTheTlsPortTheConnectionOverTheCapIsClosedWithoutAWord() throws Exception {
        EmbeddedChannel first = new EmbeddedChannel(limiter);
        EmbeddedChannel second = new EmbeddedChannel(false, false);
        second.attr(ConnectionLimiter.QUIET).set(Boolean.TRUE);
        second.pipeline().addLast(limiter);
        second.register();
        assertThat((Object) second.readOutbound()).isNull();
        assertThat(second.isOpen()).isFalse();
        assertThat(limiter.open()).isEqualTo(1);
        first.close();
    }
}
