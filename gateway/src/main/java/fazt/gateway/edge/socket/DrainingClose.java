package fazt.gateway.edge.socket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * Lets a stopping gateway end an HTTP/1.1 connection without failing a request (ADR 43): once {@link #drain} is
 * called, the next response (the one in flight, or the answer to a request that arrives within {@link #IDLE_GRACE_MS})
 * carries {@code Connection: close} and keep-alive closes the connection after it; a connection that stays idle that
 * long is closed then. Closing an idle connection at once would race a client that is just sending its next request
 * on it. Sits after the keep-alive handler, so that handler sees the header it adds. One per connection; runs on the
 * connection's event loop.
 */
public final class DrainingClose extends ChannelDuplexHandler {
    /** How long a draining connection with no request in flight waits for one before it is closed. */
    public static final long IDLE_GRACE_MS = 1000;

    private int inFlight;
    private long requests;
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
            requests++;
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
        if (draining || context == null) {
            return;
        }
        draining = true;
        if (inFlight == 0) {
            long seen = requests;
            context.executor()
                    .schedule(
                            () -> {
                                if (inFlight == 0 && requests == seen) {
                                    context.close();
                                }
                            },
                            IDLE_GRACE_MS,
                            TimeUnit.MILLISECONDS);
        }
    }
}
