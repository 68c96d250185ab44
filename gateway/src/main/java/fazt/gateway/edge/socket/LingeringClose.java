package fazt.gateway.edge.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The close after an answer given before the request's body was read (a 413, a malformed body): nginx's
 * {@code lingering_close}. Closing at once while the client is still sending makes the kernel answer its next bytes
 * with a reset, which can destroy the answer before the client reads it, so the client sees "connection reset" instead
 * of the 413. Instead the gateway sends the answer, shuts its side of the connection down, and reads and drops what
 * still arrives, until the client closes, nothing arrived for {@link #QUIET}, {@link #MAX_TIME} passed or
 * {@link #MAX_BYTES} were dropped. Only for plain TCP: a TLS connection or an HTTP/2 stream closes at once.
 */
public final class LingeringClose extends ChannelInboundHandlerAdapter {
    static final Duration QUIET = Duration.ofSeconds(2);
    static final Duration MAX_TIME = Duration.ofSeconds(10);
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private long dropped;
    private ScheduledFuture<?> quiet;
    private ScheduledFuture<?> deadline;

    private LingeringClose() {}

    /** Closes the connection of {@code written} once it is written, lingering where that keeps the answer readable. */
    public static void after(ChannelFuture written) {
        written.addListener(f -> {
            Channel channel = written.channel();
            if (!f.isSuccess()
                    || !(channel instanceof SocketChannel socket)
                    || channel.pipeline().get(SslHandler.class) != null
                    || !channel.isActive()) {
                channel.close();
                return;
            }
            channel.pipeline().addFirst("lingering-close", new LingeringClose());
            socket.shutdownOutput().addListener(done -> {
                if (!done.isSuccess()) {
                    channel.close();
                }
            });
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> ctx.close(), MAX_TIME.toMillis(), TimeUnit.MILLISECONDS);
        restartQuiet(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            dropped += buf.readableBytes();
        } else if (msg instanceof ByteBufHolder holder) {
            dropped += holder.content().readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (dropped > MAX_BYTES) {
            ctx.close();
            return;
        }
        restartQuiet(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void restartQuiet(ChannelHandlerContext ctx) {
        if (quiet != null) {
            quiet.cancel(false);
        }
        quiet = ctx.executor().schedule(() -> ctx.close(), QUIET.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (quiet != null) {
            quiet.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
