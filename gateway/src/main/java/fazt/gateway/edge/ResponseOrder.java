package fazt.gateway.edge;

import fazt.gateway.edge.socket.ConnectionClock;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Tells the edge handler when a response has been written whole, so that HTTP/1.1 pipelined requests are answered
 * one at a time and in order even though each is answered asynchronously. Sits right after the HTTP codec and fires
 * {@link #RESPONSE_DONE} inbound after the last part of every final response (a {@code 100 Continue} is not final),
 * and keeps the connection's {@link ConnectionClock} told when a response starts and ends.
 */
@ChannelHandler.Sharable
final class ResponseOrder extends ChannelOutboundHandlerAdapter {
    /** User event: the response to the request in flight is fully written. */
    static final Object RESPONSE_DONE = new Object() {
        @Override
        public String toString() {
            return "RESPONSE_DONE";
        }
    };

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim =
                msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        boolean done = msg instanceof LastHttpContent && !interim;
        ConnectionClock clock = ConnectionClock.of(ctx.channel());
        if (clock != null && msg instanceof HttpResponse && !interim) {
            clock.responseStarted();
        }
        ctx.write(msg, promise);
        if (done) {
            if (clock != null) {
                clock.responseDone();
            }
            ctx.fireUserEventTriggered(RESPONSE_DONE);
        }
    }
}
