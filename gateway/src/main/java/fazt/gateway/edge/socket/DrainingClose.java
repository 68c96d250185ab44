package fazt.gateway.edge.socket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Lets a stopping gateway end an HTTP/1.1 connection without failing a request (ADR 43): once {@link #drain} is
 * called, an idle connection is closed at once, and one with a request in flight answers it with
 * {@code Connection: close} (keep-alive then closes it after the response). Sits after the keep-alive handler, so that
 * handler sees the header it adds. One per connection; runs on the connection's event loop.
 */
public final class DrainingClose extends ChannelDuplexHandler {
    private int inFlight;
    private boolean draining;
    private ChannelHandlerContext context;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            inFlight++;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && draining) {
            HttpUtil.setKeepAlive(response, false);
        }
        if (msg instanceof LastHttpContent && inFlight > 0) {
            inFlight--;
        }
        super.write(ctx, msg, promise);
    }

    /** From now on this connection takes no new request; call on its event loop. */
    public void drain() {
        draining = true;
        if (inFlight == 0 && context != null) {
            context.close();
        }
    }
}
