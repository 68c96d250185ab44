package fazt.gateway.invoke;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.intake.BodyPolicy;
import fazt.gateway.edge.intake.RoutedHead;
import fazt.proto.problem.Problem;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Streams the bodies of function requests (a {@link RoutedHead} of mode {@link BodyPolicy.Mode#FUNCTION} from the
 * intake): it passes an {@link ApiRequest} on to the edge handler at once, and feeds the body that follows into its
 * {@link RequestBody}, which the function pulls chunk by chunk. Whether the app really has server code is decided
 * later. A declared length past the limit is a 413 at once. One instance per connection.
 */
public final class ApiRequestStreamer extends ChannelInboundHandlerAdapter {
    private RequestBody body;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RoutedHead head && head.policy().mode() == BodyPolicy.Mode.FUNCTION) {
            start(ctx, head.exchange(), head.policy().limit());
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

    private void start(ChannelHandlerContext ctx, Exchange exchange, long maxBodyBytes) {
        HttpRequest request = exchange.request();
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        if (HttpUtil.getContentLength(request, -1L) > maxBodyBytes) {
            if (HttpUtil.is100ContinueExpected(request)) {
                // the client waits for our word before sending: refuse and close, it never sends the body
                EdgeResponses.send(
                        ctx, EdgeResponses.problem(tooLarge(maxBodyBytes), exchange), false, exchange.head());
                body = new RequestBody(ctx, maxBodyBytes, false);
                body.close();
                return;
            }
            body = new RequestBody(ctx, maxBodyBytes, false);
            refuse(ctx, exchange, tooLarge(maxBodyBytes), body);
            return;
        }
        // Read no further than the function asks; the head goes on at once.
        ctx.channel().config().setAutoRead(false);
        body = new RequestBody(ctx, maxBodyBytes, hasBody && HttpUtil.is100ContinueExpected(request));
        ctx.fireChannelRead(new ApiRequest(exchange, body));
    }

    /**
     * Answers {@code problem} while the client may still be sending, then reads the rest of the body off and drops
     * it ({@link RequestBody#dropRest()}). Event loop.
     */
    static void refuse(ChannelHandlerContext ctx, Exchange exchange, Problem problem, RequestBody body) {
        EdgeResponses.send(ctx, EdgeResponses.problem(problem, exchange), exchange.keepAlive(), exchange.head());
        body.dropRest();
    }

    static Problem tooLarge(long maxBytes) {
        return Problem.of(
                413,
                "gateway/body-too-large",
                "Body too large",
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
