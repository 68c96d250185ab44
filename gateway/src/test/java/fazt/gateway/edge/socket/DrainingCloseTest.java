package fazt.gateway.edge.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A draining connection ends after its next response or after a second idle, never under a request (ADR 43). */
class DrainingCloseTest {
    private final DrainingClose draining = new DrainingClose();
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpServerKeepAliveHandler(), draining);

    @Test
    void aRequestInFlightIsAnsweredWithConnectionCloseAndThenTheConnectionCloses() {
        channel.writeInbound(request());
        draining.drain();
        assertThat(channel.isOpen())
                .as("open until the request in flight is answered")
                .isTrue();
        FullHttpResponse response = respond();
        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anIdleConnectionIsClosedAfterTheGraceUnlessARequestArrives() {
        channel.writeInbound(request());
        respond();
        draining.drain();
        channel.advanceTimeBy(DrainingClose.IDLE_GRACE_MS / 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("idle for half the grace").isTrue();
        channel.advanceTimeBy(DrainingClose.IDLE_GRACE_MS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("idle for the grace").isFalse();
    }

    @Test
    void aRequestArrivingWithinTheGraceIsServedThenTheConnectionCloses() {
        draining.drain();
        channel.writeInbound(request());
        channel.advanceTimeBy(DrainingClose.IDLE_GRACE_MS * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen())
                .as("the request arrived in the grace: it is answered")
                .isTrue();
        assertThat(respond().headers().get(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void withoutDrainingConnectionsStayAlive() {
        channel.writeInbound(request());
        assertThat(respond().headers().contains(HttpHeaderNames.CONNECTION, "close", true))
                .isFalse();
        assertThat(channel.isOpen()).isTrue();
    }

    private static DefaultFullHttpRequest request() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    }

    private FullHttpResponse respond() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        channel.writeOutbound(response);
        FullHttpResponse written = channel.readOutbound();
        channel.runPendingTasks();
        return written;
    }
}
