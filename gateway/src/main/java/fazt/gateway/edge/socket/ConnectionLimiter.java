package fazt.gateway.edge.socket;

import fazt.gateway.edge.intake.TrustedProxies;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections in all and per client address (ADR 19). One over the cap in all is answered {@code 503}, one
 * over its address's cap {@code 429}, both with {@code Connection: close}, and closed at once. Connections from
 * trusted proxies count only in the total: one proxy carries many clients. On the TLS port ({@link #QUIET}) the
 * connection is closed without an answer. Shared by every connection.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("fazt.edge.counted-address");
    private static final AttributeKey<Boolean> IN_TOTAL = AttributeKey.valueOf("fazt.edge.counted");
    /**
     * Set on a TLS connection before it becomes active: a refusal there is a quiet close, since plain-text HTTP on
     * a TLS port reads as a TLS error to the client, not as the 503 or 429 it is.
     */
    public static final AttributeKey<Boolean> QUIET = AttributeKey.valueOf("fazt.edge.quiet-refusal");

    private final EdgeLimits limits;
    private final TrustedProxies proxies;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(EdgeLimits limits, TrustedProxies proxies) {
        this.limits = limits;
        this.proxies = proxies;
    }

    /** Connections open now (for metrics and tests). */
    public int open() {
        return total.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().attr(IN_TOTAL).set(Boolean.TRUE);
        if (total.incrementAndGet() > limits.maxConnections()) {
            ctx.channel().config().setAutoRead(false);
            if (quiet(ctx)) {
                return;
            }
            RawResponses.close(
                    ctx,
                    503,
                    "Service Unavailable",
                    "gateway/too-many-connections",
                    "Too many connections",
                    "The server holds as many connections as it may; try again shortly.");
            return;
        }
        InetAddress client = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (client != null && !proxies.trusts(client)) {
            ctx.channel().attr(COUNTED).set(client);
            int mine = perClient.merge(client, 1, Integer::sum);
            if (mine > limits.maxConnectionsPerClient()) {
                ctx.channel().config().setAutoRead(false);
                if (quiet(ctx)) {
                    return;
                }
                RawResponses.close(
                        ctx,
                        429,
                        "Too Many Requests",
                        "gateway/too-many-connections",
                        "Too many connections",
                        "This address holds " + limits.maxConnectionsPerClient()
                                + " connections already; reuse them or close some.");
                return;
            }
        }
        super.channelActive(ctx);
    }

    private static boolean quiet(ChannelHandlerContext ctx) {
        if (Boolean.TRUE.equals(ctx.channel().attr(QUIET).get())) {
            ctx.close();
            return true;
        }
        return false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(IN_TOTAL).getAndSet(null) != null) {
            total.decrementAndGet();
        }
        InetAddress client = ctx.channel().attr(COUNTED).getAndSet(null);
        if (client != null) {
            perClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
        }
        super.channelInactive(ctx);
    }
}
