package fazt.gateway.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.AttributeKey;

/**
 * The headers every response of the admin origin carries, where the admin's session cookie lives (ADR 19): no
 * framing, no referrer, no sniffing, a Content-Security-Policy that allows nothing and sandboxes whatever a response
 * is (so a file an app deployed, downloaded through the admin API, can never run script as the admin), unless the
 * response set a policy of its own (the setup page), and HSTS when the admin origin is HTTPS. The edge handler names
 * the request being answered ({@link #answering}); responses are written in order, one request at a time.
 */
@ChannelHandler.Sharable
final class AdminOriginHeaders extends ChannelOutboundHandlerAdapter {
    static final String POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
    static final String HSTS = "max-age=31536000";
    private static final AttributeKey<Exchange> ANSWERING = AttributeKey.valueOf("fazt.edge.answering");

    private final String adminHost;

    AdminOriginHeaders(String adminHost) {
        this.adminHost = adminHost;
    }

    /** The request whose response is written next on {@code channel}. */
    static void answering(Channel channel, Exchange ex) {
        channel.attr(ANSWERING).set(ex);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            Exchange ex = ctx.channel().attr(ANSWERING).get();
            if (ex != null && adminHost.equals(ex.host())) {
                apply(response.headers(), ex.https());
            }
        }
        super.write(ctx, msg, promise);
    }

    static void apply(HttpHeaders headers, boolean https) {
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", POLICY);
        }
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        if (!headers.contains("Referrer-Policy")) {
            headers.set("Referrer-Policy", "no-referrer");
        }
        if (https) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }
}
