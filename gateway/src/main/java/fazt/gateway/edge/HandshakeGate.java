package fazt.gateway.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.function.Consumer;

/**
 * Holds an HTTPS connection's HTTP handlers back until its TLS handshake is done (ADR 28), so the socket deadlines of
 * ADR 19 start with the first decrypted byte and a certificate ordered during the handshake does not count against
 * the header timeout. A failed handshake closes the connection.
 */
final class HandshakeGate extends ChannelInboundHandlerAdapter {
    private final Consumer<ChannelHandlerContext> http;

    HandshakeGate(Consumer<ChannelHandlerContext> http) {
        this.http = http;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                http.accept(ctx);
                ctx.pipeline().remove(this);
            } else {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
