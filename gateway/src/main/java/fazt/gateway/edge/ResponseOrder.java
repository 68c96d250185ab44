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
 * keeps the connection's {@link ConnectionClock} told when a response starts and ends, and {@link EdgeMeters} the
 * status and end of each response.
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
        if (msg instanceof HttpResponse response && !interim) {
            EdgeMeters.status(ctx.channel(), response.status().code());
            if (clock != null) {
                clock.responseStarted();
            }
        }
        ctx.write(msg, promise);
        if (done) {
            if (clock != null) {
                clock.responseDone();
            }
            EdgeMeters.done(ctx.channel());
            ctx.fireUserEventTriggered(RESPONSE_DONE);
        }
    }
}
