package fazt.gateway.edge.intake;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.socket.ConnectionClock;
import fazt.gateway.edge.socket.EdgeCodec;
import fazt.gateway.edge.socket.EdgeLimits;
import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.HostRouter;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.TraceContext;
import fazt.proto.problem.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place a request is read (ADR 19): right after the HTTP codec, it checks the framing, canonicalises the
 * target and the Host, finds the client and the scheme, classifies the request into a {@link Route} and picks its
 * {@link BodyPolicy}. Bodies that stream go on as a {@link RoutedHead} followed by their content; the others are
 * read here up to their route's limit and go on as one {@link BufferedRequest}. Whatever it refuses goes on as a
 * {@link Refusal}, in order, and everything after it on the connection is dropped. One instance per connection.
 */
public final class EdgeIntake extends ChannelInboundHandlerAdapter {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,18}");

    private final HostRouter hosts;
    private final TrustedProxies proxies;
    private final long functionBodyLimit;
    private final long adminUploadLimit;
    /** The HTTPS port plain HTTP is redirected to, or -1: no redirect. */
    private final int redirectPort;

    private boolean discarding;
    private BodyPolicy policy;
    private Exchange exchange;
    private CompositeByteBuf buffer;
    private long received;

    public EdgeIntake(HostRouter hosts, TrustedProxies proxies, long functionBodyLimit, long adminUploadLimit) {
        this(hosts, proxies, functionBodyLimit, adminUploadLimit, -1);
    }

    /** With {@code redirectPort} at 0 or more, plain HTTP is answered with 308 to HTTPS on that port (ADR 28). */
    public EdgeIntake(
            HostRouter hosts, TrustedProxies proxies, long functionBodyLimit, long adminUploadLimit, int redirectPort) {
        this.redirectPort = redirectPort;
        this.hosts = hosts;
        this.proxies = proxies;
        this.functionBodyLimit = functionBodyLimit;
        this.adminUploadLimit = adminUploadLimit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!discarding && msg instanceof HttpRequest request) {
                head(ctx, request);
            }
            if (!discarding && msg instanceof HttpContent content) {
                content(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg); // whatever goes on was retained for it
        }
    }

    private void head(ChannelHandlerContext ctx, HttpRequest request) {
        ConnectionClock clock = ConnectionClock.of(ctx.channel());
        TraceContext trace = TraceContext.parse(request.headers().get(FaztHeaders.TRACEPARENT))
                .orElseGet(TraceContext::start);
        String requestId = EdgeResponses.requestId(request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        Problem framing = framingProblem(request);
        if (framing != null) {
            if (clock != null) {
                clock.headRead(false);
            }
            refuse(ctx, framing, "/", trace, requestId, head);
            return;
        }
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        if (clock != null) {
            clock.headRead(hasBody);
        }
        RequestTarget target;
        try {
            target = RequestTarget.parse(request.uri());
        } catch (RequestTarget.Refused refused) {
            refuse(
                    ctx,
                    Problem.of(
                            refused.status(),
                            "gateway/" + refused.type(),
                            refused.status() == 414
                                    ? "URI too long"
                                    : refused.type().equals("bad-path") ? "Bad path" : "Bad request",
                            refused.getMessage()),
                    "/",
                    trace,
                    requestId,
                    head);
            return;
        }
        String hostValue = target.authority() != null
                ? target.authority()
                : request.headers().get(HttpHeaderNames.HOST);
        HostRoute host = hosts.route(hostValue);
        if (host.kind() == HostRoute.Kind.BAD) {
            refuse(
                    ctx,
                    Problem.of(
                            400,
                            "gateway/bad-host",
                            "Bad Host header",
                            "The request needs one Host header naming a host, such as blog.example.com."),
                    target.path(),
                    trace,
                    requestId,
                    head);
            return;
        }
        ClientAddress client = ClientAddress.of(
                ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null,
                overTls(ctx.channel()),
                request.headers(),
                proxies);
        Route route = Routes.classify(host, request.method().name(), target.path());
        if (redirectPort >= 0
                && "http".equals(client.scheme())
                && host.kind() != HostRoute.Kind.UNKNOWN
                && !Routes.staysPlain(target.path())) {
            route = new Route.HttpsRedirect("https://" + host.host() + (redirectPort == 443 ? "" : ":" + redirectPort)
                    + (request.uri().startsWith("/")
                            ? request.uri()
                            : target.path() + (target.rawQuery() != null ? "?" + target.rawQuery() : "")));
        }
        HttpRequest headersOnly = new DefaultHttpRequest(
                request.protocolVersion(),
                request.method(),
                request.uri(),
                request.headers().copy());
        exchange = new Exchange(
                headersOnly,
                trace,
                requestId,
                HttpUtil.isKeepAlive(request),
                head,
                target.path(),
                target.rawQuery(),
                route,
                host.host(),
                authority(host.host(), hostValue, client.scheme()),
                client.scheme(),
                client.ip());
        policy = BodyPolicy.of(route, hasBody, functionBodyLimit, adminUploadLimit);
        received = 0;
        switch (policy.mode()) {
            case FUNCTION, ADMIN -> ctx.fireChannelRead(new RoutedHead(exchange, policy));
            case NONE, BUFFER -> {
                if (HttpUtil.getContentLength(request, -1L) > policy.limit()) {
                    refuse(ctx, tooLarge(policy.limit()), target.path(), trace, requestId, head);
                    return;
                }
                buffer = policy.mode() == BodyPolicy.Mode.BUFFER && hasBody
                        ? ctx.alloc().compositeBuffer()
                        : null;
                if (hasBody
                        && HttpUtil.is100ContinueExpected(request)
                        && (clock == null || clock.othersInFlight() == 0)) {
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
                }
            }
        }
    }

    /** Whether the request came over TLS: an SslHandler on its channel, or on the connection of its HTTP/2 stream. */
    private static boolean overTls(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            if (c.pipeline().get(SslHandler.class) != null) {
                return true;
            }
        }
        return false;
    }

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        if (policy == null) {
            return;
        }
        if (!content.decoderResult().isSuccess()) {
            // a malformed chunk: the rest of the connection cannot be framed
            if (policy.mode() == BodyPolicy.Mode.FUNCTION || policy.mode() == BodyPolicy.Mode.ADMIN) {
                discarding = true; // the request is already on its way: no answer can be put in its place
                ctx.close();
                return;
            }
            refuse(
                    ctx,
                    Problem.of(400, "gateway/bad-request", "Bad request", "The chunked body is malformed."),
                    exchange.path(),
                    exchange.trace(),
                    exchange.requestId(),
                    exchange.head());
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            ConnectionClock clock = ConnectionClock.of(ctx.channel());
            if (clock != null) {
                clock.bodyRead();
            }
        }
        if (policy.mode() == BodyPolicy.Mode.FUNCTION || policy.mode() == BodyPolicy.Mode.ADMIN) {
            if (last) {
                policy = null;
                exchange = null;
            }
            ctx.fireChannelRead(content.retain());
            return;
        }
        received += content.content().readableBytes();
        if (received > policy.limit()) {
            refuse(
                    ctx,
                    tooLarge(policy.limit()),
                    exchange.path(),
                    exchange.trace(),
                    exchange.requestId(),
                    exchange.head());
            return;
        }
        if (buffer != null && content.content().isReadable()) {
            buffer.addComponent(true, content.content().retain());
        }
        if (last) {
            ByteBuf body = buffer != null ? buffer : Unpooled.EMPTY_BUFFER;
            buffer = null;
            Exchange done = exchange;
            policy = null;
            exchange = null;
            ctx.fireChannelRead(new BufferedRequest(done, body));
        }
    }

    /** Why the request's framing or headers cannot be trusted, or null when they can. */
    private static Problem framingProblem(HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return Problem.of(
                        414,
                        "gateway/uri-too-long",
                        "URI too long",
                        "The request line is longer than " + EdgeLimits.MAX_REQUEST_LINE + " bytes.");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return headersTooLarge();
            }
            return Problem.of(
                    400,
                    "gateway/bad-request",
                    "Bad request",
                    "The request could not be parsed as HTTP/1.1"
                            + (cause instanceof EdgeCodec.AmbiguousLength
                                    ? ": it carries both Content-Length and Transfer-Encoding."
                                    : "."));
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1
                || version.minorVersion() > 1
                || !version.protocolName().equals("HTTP")) {
            return Problem.of(
                    505,
                    "gateway/version-not-supported",
                    "HTTP version not supported",
                    "This server speaks HTTP/1.1 (and HTTP/1.0).");
        }
        HttpHeaders headers = request.headers();
        if (headers.size() > EdgeLimits.MAX_HEADER_FIELDS) {
            return headersTooLarge();
        }
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (lengths.size() > 1
                || lengths.size() == 1
                        && !CONTENT_LENGTH.matcher(lengths.getFirst()).matches()) {
            return Problem.of(
                    400,
                    "gateway/bad-request",
                    "Bad request",
                    "Content-Length must be one decimal number of at most 18 digits.");
        }
        List<String> encodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!encodings.isEmpty()
                && (encodings.size() > 1 || !encodings.getFirst().trim().equalsIgnoreCase("chunked"))) {
            return Problem.of(
                    400,
                    "gateway/bad-request",
                    "Bad request",
                    "Transfer-Encoding must be exactly \"chunked\" when present.");
        }
        if (headers.getAll(HttpHeaderNames.HOST).size() > 1) {
            return Problem.of(400, "gateway/bad-host", "Bad Host header", "The request carries more than one Host.");
        }
        String expect = headers.get(HttpHeaderNames.EXPECT);
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            return Problem.of(
                    417,
                    "gateway/expectation-failed",
                    "Expectation failed",
                    "Only \"Expect: 100-continue\" is understood.");
        }
        return null;
    }

    private static Problem headersTooLarge() {
        return Problem.of(
                431,
                "gateway/headers-too-large",
                "Request header fields too large",
                "The headers are larger than " + EdgeLimits.MAX_HEADER_BYTES / 1024 + " KiB or more than "
                        + EdgeLimits.MAX_HEADER_FIELDS + " fields.");
    }

    static Problem tooLarge(long limit) {
        return Problem.of(
                413,
                "gateway/body-too-large",
                "Body too large",
                "This route accepts a body of at most "
                        + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB." : limit / 1024 + " KiB."));
    }

    /** The authority for URLs: the canonical host plus the port the client named, unless it is the scheme's default. */
    private static String authority(String host, String hostValue, String scheme) {
        if (hostValue == null) {
            return host;
        }
        String value = hostValue.trim();
        int bracket = value.lastIndexOf(']');
        int colon = value.lastIndexOf(':');
        if (colon <= bracket || colon == value.length() - 1) {
            return host;
        }
        String port = value.substring(colon + 1);
        boolean standard =
                (scheme.equals("http") && port.equals("80")) || (scheme.equals("https") && port.equals("443"));
        return standard ? host : host + ":" + port;
    }

    private void refuse(
            ChannelHandlerContext ctx,
            Problem problem,
            String instance,
            TraceContext trace,
            String requestId,
            boolean head) {
        discarding = true;
        policy = null;
        exchange = null;
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        ctx.fireChannelRead(new Refusal(problem, instance, trace, requestId, head));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        super.channelInactive(ctx);
    }
}
