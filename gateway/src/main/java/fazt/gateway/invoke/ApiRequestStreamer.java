package fazt.gateway.invoke;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.HostRouter;
import fazt.proto.problem.Problem;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Takes requests under {@code /api/} on app hosts off the buffering path: as soon as the head arrives it passes an
 * {@link ApiRequest} on to the edge handler, and feeds the body that follows into its {@link RequestBody}, which the
 * function pulls chunk by chunk. Whether the app really has server code is decided later (a site without it is served
 * statically and the body dropped). A declared length past the limit is a 413 at once. One instance per connection.
 */
public final class ApiRequestStreamer extends ChannelInboundHandlerAdapter {
    /** Paths under this prefix go to the app's function when its live version has one. */
    public static final String API_PREFIX = "/api/";

    private final HostRouter hosts;
    private final long maxBodyBytes;
    private RequestBody body;

    public ApiRequestStreamer(HostRouter hosts, long maxBodyBytes) {
        this.hosts = hosts;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && body == null && isApi(request)) {
            start(ctx, request);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (body != null && msg instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            body.offer(content);
            if (last) {
                body = null;
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private boolean isApi(HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return false;
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        return path.startsWith(API_PREFIX)
                && hosts.route(request.headers().get(io.netty.handler.codec.http.HttpHeaderNames.HOST)).kind()
                == HostRoute.Kind.APP;
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        Exchange exchange = Exchange.of(request);
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        if (HttpUtil.getContentLength(request, -1L) > maxBodyBytes) {
            if (HttpUtil.is100ContinueExpected(request)) {
                // the client waits for our word before sending: refuse and close, it never sends the body
                EdgeResponses.send(ctx, EdgeResponses.problem(tooLarge(maxBodyBytes), exchange.path(),
                        exchange.trace(), exchange.requestId()), false, exchange.head());
                return;
            }
            RequestBody refused = new RequestBody(ctx, maxBodyBytes, false);
            body = request instanceof LastHttpContent ? null : refused;
            refuse(ctx, exchange, tooLarge(maxBodyBytes), refused);
            return;
        }
        // Read no further than the function asks; the head goes on at once.
        ctx.channel().config().setAutoRead(false);
        RequestBody requestBody = new RequestBody(ctx, maxBodyBytes, hasBody && HttpUtil.is100ContinueExpected(request));
        if (request instanceof LastHttpContent whole) {
            requestBody.offer(whole.retain());   // a whole request in one message: its content is all there is
        } else {
            body = requestBody;
        }
        ctx.fireChannelRead(new ApiRequest(exchange, hosts.route(request.headers()
                .get(io.netty.handler.codec.http.HttpHeaderNames.HOST)), requestBody));
    }

    /**
     * Answers {@code problem} while the client may still be sending, then reads the rest of the body off and drops
     * it ({@link RequestBody#dropRest()}). Event loop.
     */
    static void refuse(ChannelHandlerContext ctx, Exchange exchange, Problem problem, RequestBody body) {
        EdgeResponses.send(ctx, EdgeResponses.problem(problem, exchange.path(), exchange.trace(), exchange.requestId()),
                exchange.keepAlive(), exchange.head());
        body.dropRest();
    }

    static Problem tooLarge(long maxBytes) {
        return Problem.of(413, "gateway/body-too-large", "Body too large",
                "The request body is larger than " + maxBytes / (1024 * 1024) + " MB.");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (body != null) {
            body.close();
            body = null;
        }
        super.channelInactive(ctx);
    }
}
