package fazt.gateway.edge;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/** Adds {@code Strict-Transport-Security} to every answer on an HTTPS connection ({@code FAZT_HSTS_MAX_AGE}). */
@ChannelHandler.Sharable
final class StrictTransportSecurity extends ChannelOutboundHandlerAdapter {
    private static final String STRICT_TRANSPORT_SECURITY = "strict-transport-security";
    private final String value;

    StrictTransportSecurity(long maxAge) {
        this.value = "max-age=" + maxAge;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            response.headers().set(STRICT_TRANSPORT_SECURITY, value);
        }
        super.write(ctx, msg, promise);
    }
}
