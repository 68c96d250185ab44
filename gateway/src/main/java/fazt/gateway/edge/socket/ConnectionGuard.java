package fazt.gateway.edge.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one connection (ADR 19), first in its pipeline so it sees every byte that arrives and every read
 * the edge asks for: a request head must be whole within the header timeout of its first byte (a new connection
 * must send one within it too), a kept-alive connection may idle for the idle timeout, and a body may stall at most
 * the body timeout and must average the minimum rate after its grace period, counting only time the edge was reading.
 * Nothing counts while the server works on a response. A client that misses a deadline gets {@code 408} when nothing
 * else is being written, and the connection closes. One check a second per connection.
 */
public final class ConnectionGuard extends ChannelDuplexHandler {
    static final long TICK_MILLIS = 1000;

    private final EdgeLimits limits;
    private ConnectionClock clock;
    private ScheduledFuture<?> tick;

    public ConnectionGuard(EdgeLimits limits) {
        this.limits = limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        clock = ConnectionClock.install(ctx.channel(), System.nanoTime());
        tick = ctx.executor().scheduleAtFixedRate(() -> check(ctx), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (tick != null) {
            tick.cancel(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (tick != null) {
            tick.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            clock.bytesArrived(bytes.readableBytes(), System.nanoTime());
        } else if (msg instanceof ByteBufHolder frame) {
            // an HTTP/2 stream's DATA frame (ADR 28): the guard sits on the stream's channel
            clock.bytesArrived(frame.content().readableBytes(), System.nanoTime());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void read(ChannelHandlerContext ctx) throws Exception {
        clock.readRequested(System.nanoTime());
        super.read(ctx);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            tick.cancel(false);
            return;
        }
        long now = System.nanoTime();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(now - clock.since);
        switch (clock.phase) {
            case IDLE -> {
                if (elapsed >= (clock.served ? limits.idleTimeoutMillis() : limits.headerTimeoutMillis())) {
                    if (ctx.channel() instanceof Http2StreamChannel && !clock.served) {
                        // an HTTP/2 stream always carries a request: it is answered, not reset
                        timeOut(ctx, "The request head did not arrive within " + limits.headerTimeoutMillis() + " ms.");
                    } else {
                        ctx.close();
                    }
                }
            }
            case HEAD -> {
                if (elapsed >= limits.headerTimeoutMillis()) {
                    timeOut(ctx, "The request head did not arrive within " + limits.headerTimeoutMillis() + " ms.");
                }
            }
            case BODY -> checkBody(ctx, now);
            case SERVING -> {}
        }
    }

    private void checkBody(ChannelHandlerContext ctx, long now) {
        long stalled = clock.waitingSince == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(now - clock.waitingSince);
        if (stalled >= limits.bodyTimeoutMillis()) {
            timeOut(ctx, "The request body stalled for " + limits.bodyTimeoutMillis() + " ms.");
            return;
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(
                clock.bodyWaitNanos + (clock.waitingSince == 0 ? 0 : now - clock.waitingSince));
        if (waited > EdgeLimits.BODY_GRACE_MILLIS && clock.bodyBytes * 1000 < (long) limits.minBodyRate() * waited) {
            timeOut(ctx, "The request body arrived slower than " + limits.minBodyRate() + " bytes per second.");
        }
    }

    /** A 408 when nothing else is being written (else the response would be cut into), then close. */
    private void timeOut(ChannelHandlerContext ctx, String detail) {
        tick.cancel(false);
        if (clock.responding || clock.inFlight > (clock.phase == ConnectionClock.Phase.BODY ? 1 : 0)) {
            ctx.close();
            return;
        }
        RawResponses.close(ctx, 408, "Request Timeout", "gateway/request-timeout", "Request timeout", detail);
    }
}
