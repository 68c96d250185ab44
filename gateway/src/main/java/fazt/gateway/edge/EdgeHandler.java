package fazt.gateway.edge;

import fazt.gateway.admin.AdminBodies;
import fazt.gateway.applogin.AppLoginForwarder;
import fazt.gateway.admin.AdminForwarder;
import fazt.gateway.admin.SetupPage;
import fazt.gateway.admin.StreamedAdminRequest;
import fazt.gateway.health.SuiteHealth;
import fazt.gateway.invoke.ApiRequest;
import fazt.gateway.invoke.FunctionGateway;
import fazt.gateway.platform.BackgroundRoutes;
import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.HostRouter;
import fazt.platform.nats.TraceContext;
import fazt.proto.problem.Problem;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.AttributeKey;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Routes every request on the edge: a missing or malformed Host is a 400; {@code /_fazt/} paths belong to the platform
 * on every host (today {@code /_fazt/health}, and the first-run {@link SetupPage} on the admin host; async runs,
 * webhooks and run status on app hosts, see {@link BackgroundRoutes}; the app-user login paths {@code /_fazt/auth/*} on
 * app hosts, see {@link AppLoginForwarder}); {@code admin.<domain>/api/...} goes to
 * {@link AdminForwarder}; every other host is an app host, served by {@link SiteServer}, except paths under
 * {@code /api/}, which arrive as an {@link ApiRequest} (body still streaming) and go to {@link FunctionGateway} when
 * the app has server code.
 */
@Singleton
@ChannelHandler.Sharable
final class EdgeHandler extends ChannelInboundHandlerAdapter {
    static final String HEALTH_PATH = "/_fazt/health";
    static final String PLATFORM_PREFIX = "/_fazt/";

    private static final Logger log = LoggerFactory.getLogger(EdgeHandler.class);
    private final SuiteHealth health;
    private final HostRouter hosts;
    private final SiteServer sites;
    private final AdminForwarder admin;
    private final FunctionGateway functions;
    private final BackgroundRoutes background;
    private final AppLoginForwarder appLogin;

    EdgeHandler(SuiteHealth health, HostRouter hosts, SiteServer sites, AdminForwarder admin,
                FunctionGateway functions, BackgroundRoutes background, AppLoginForwarder appLogin) {
        this.appLogin = appLogin;
        this.health = health;
        this.hosts = hosts;
        this.sites = sites;
        this.admin = admin;
        this.functions = functions;
        this.background = background;
    }

    /** Requests waiting on one connection while the one before them is answered (pipelining). */
    private static final AttributeKey<Pipeline> PIPELINE = AttributeKey.valueOf("fazt.edge.pipeline");
    /** More pipelined requests than this on one connection is abuse, not a browser: the connection is closed. */
    static final int MAX_PIPELINED = 16;

    private static final class Pipeline {
        final ArrayDeque<Object> waiting = new ArrayDeque<>();
        boolean busy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof StreamedAdminRequest) && !(msg instanceof FullHttpRequest) && !(msg instanceof ApiRequest)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Pipeline pipeline = pipeline(ctx);
        if (pipeline.busy) {
            if (pipeline.waiting.size() >= MAX_PIPELINED) {
                discard(msg);
                ctx.close();
                return;
            }
            pipeline.waiting.add(msg);
            return;
        }
        dispatch(ctx, pipeline, msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event != ResponseOrder.RESPONSE_DONE) {
            super.userEventTriggered(ctx, event);
            return;
        }
        Pipeline pipeline = pipeline(ctx);
        pipeline.busy = false;
        if (!pipeline.waiting.isEmpty()) {
            // Next request after the current call stack unwinds: a response written synchronously must not recurse.
            ctx.executor().execute(() -> {
                if (!pipeline.busy && !pipeline.waiting.isEmpty()) {
                    dispatch(ctx, pipeline, pipeline.waiting.poll());
                }
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Pipeline pipeline = ctx.channel().attr(PIPELINE).getAndSet(null);
        if (pipeline != null) {
            pipeline.waiting.forEach(EdgeHandler::discard);
            pipeline.waiting.clear();
        }
        super.channelInactive(ctx);
    }

    private static void discard(Object msg) {
        if (msg instanceof ApiRequest api) {
            api.body().close();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private static Pipeline pipeline(ChannelHandlerContext ctx) {
        Pipeline pipeline = ctx.channel().attr(PIPELINE).get();
        if (pipeline == null) {
            pipeline = new Pipeline();
            ctx.channel().attr(PIPELINE).set(pipeline);
        }
        return pipeline;
    }

    private void dispatch(ChannelHandlerContext ctx, Pipeline pipeline, Object msg) {
        pipeline.busy = true;
        if (msg instanceof StreamedAdminRequest streamed) {
            admin.forward(ctx, streamed.exchange(), streamed.principal(), null, streamed.body());
            return;
        }
        if (msg instanceof ApiRequest api) {
            Exchange ex = api.exchange();
            if (ex.path() == null || ex.path().startsWith(PLATFORM_PREFIX)) {
                api.body().close();
                notFound(ctx, ex);
                return;
            }
            functions.serve(ctx, api, () -> sites.serve(ctx, ex, api.route()));
            return;
        }
        FullHttpRequest request = (FullHttpRequest) msg;
        try {
            handle(ctx, request);
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        Exchange ex = Exchange.of(request);
        if (!request.decoderResult().isSuccess() || ex.path() == null) {
            EdgeResponses.send(ctx, EdgeResponses.problem(Problem.of(400, "gateway/bad-request", "Bad request",
                    "The request could not be parsed as HTTP/1.1."), "/", ex.trace(), ex.requestId()), false, false);
            return;
        }
        HostRoute route = hosts.route(request.headers().get(HttpHeaderNames.HOST));
        if (route.kind() == HostRoute.Kind.BAD) {
            EdgeResponses.send(ctx, EdgeResponses.problem(Problem.of(400, "gateway/bad-host", "Bad Host header",
                    "The request needs a Host header naming a host, such as blog.example.com."), ex.path(), ex.trace(),
                    ex.requestId()), false, ex.head());
            return;
        }
        if (ex.path().equals(HEALTH_PATH)) {
            health(ctx, ex);
            return;
        }
        if (route.kind() == HostRoute.Kind.ADMIN && SetupPage.matches(ex.path())) {
            SetupPage.serve(ctx, ex);
            return;
        }
        if (route.kind() == HostRoute.Kind.APP && BackgroundRoutes.owns(ex.path())) {
            background.handle(ctx, request, ex, route);
            return;
        }
        if (route.kind() == HostRoute.Kind.APP && AppLoginForwarder.owns(ex.path())) {
            appLogin.handle(ctx, request, ex, route);
            return;
        }
        if (ex.path().startsWith(PLATFORM_PREFIX)) {
            notFound(ctx, ex);
            return;
        }
        if (route.kind() == HostRoute.Kind.ADMIN) {
            if (!AdminForwarder.isApi(ex.path())) {
                notFound(ctx, ex);
                return;
            }
            String body = inlineBody(request);
            admin.authenticate(ctx, ex).thenAccept(who -> who.ifPresent(p -> admin.forward(ctx, ex, p, body, null)));
            return;
        }
        sites.serve(ctx, ex, route);
    }

    /** A small text body of an admin call, inline; binary and large bodies were streamed before reaching here. */
    private static String inlineBody(FullHttpRequest request) {
        int length = request.content().readableBytes();
        if (length == 0 || !AdminBodies.inline(request.headers().get(HttpHeaderNames.CONTENT_TYPE), length)) {
            return null;
        }
        return request.content().toString(StandardCharsets.UTF_8);
    }

    private void health(ChannelHandlerContext ctx, Exchange ex) {
        if (!HttpMethod.GET.equals(ex.method()) && !ex.head()) {
            EdgeResponses.send(ctx, EdgeResponses.methodNotAllowed(ex.path(), ex.trace(), ex.requestId(), "GET, HEAD"),
                    ex.keepAlive(), ex.head());
            return;
        }
        MDC.put(TraceContext.MDC_TRACE_ID, ex.trace().traceId());
        try {
            health.check().whenComplete((report, failure) -> {
                FullHttpResponse response = failure == null
                        ? EdgeResponses.json(report.up() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                                report, ex.trace(), ex.requestId())
                        : EdgeResponses.internalError(ex.path(), ex.trace(), ex.requestId(), failure, log);
                response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
                EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
            });
        } finally {
            MDC.remove(TraceContext.MDC_TRACE_ID);
        }
    }

    private static void notFound(ChannelHandlerContext ctx, Exchange ex) {
        EdgeResponses.send(ctx, EdgeResponses.problem(Problem.of(404, "gateway/not-found", "Not found",
                "Nothing is served at " + ex.path() + " on this host."), ex.path(), ex.trace(), ex.requestId()),
                ex.keepAlive(), ex.head());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Clients resetting connections is ordinary life on a public port; nothing for a human to act on.
        log.debug("edge connection error type={}", cause.getClass().getSimpleName());
        ctx.close();
    }
}
