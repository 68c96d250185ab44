package fazt.gateway.edge;

import fazt.gateway.admin.AdminBodies;
import fazt.gateway.admin.AdminForwarder;
import fazt.gateway.admin.OpenApiDocument;
import fazt.gateway.admin.SetupPage;
import fazt.gateway.admin.StreamedAdminRequest;
import fazt.gateway.applogin.AppLoginForwarder;
import fazt.gateway.edge.intake.BufferedRequest;
import fazt.gateway.edge.intake.EdgeIntake;
import fazt.gateway.edge.intake.Refusal;
import fazt.gateway.edge.intake.Route;
import fazt.gateway.health.SuiteHealth;
import fazt.gateway.invoke.ApiRequest;
import fazt.gateway.invoke.FunctionGateway;
import fazt.gateway.platform.BackgroundRoutes;
import fazt.gateway.tls.ChallengeResponses;
import fazt.platform.nats.TraceContext;
import fazt.proto.problem.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers every request the {@link EdgeIntake} classified, one at a time per connection and in order (HTTP/1.1
 * pipelining), by its {@link Route}: health, the first-run {@link SetupPage}, the admin API ({@link AdminForwarder}),
 * the platform paths of app hosts (background runs: {@link BackgroundRoutes}; app login: {@link AppLoginForwarder}),
 * app functions ({@link FunctionGateway}; an app without server code has nothing under {@code /api/}) and static
 * files ({@link SiteServer}). A {@link Refusal} of the intake is answered in its place and closes the connection.
 */
@Singleton
@ChannelHandler.Sharable
final class EdgeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(EdgeHandler.class);
    private final SuiteHealth health;
    private final SiteServer sites;
    private final AdminForwarder admin;
    private final FunctionGateway functions;
    private final BackgroundRoutes background;
    private final AppLoginForwarder appLogin;
    private final ChallengeResponses acmeChallenges;
    private final DomainChallenges challenges;
    private final EdgeMeters meters;

    EdgeHandler(
            SuiteHealth health,
            SiteServer sites,
            AdminForwarder admin,
            FunctionGateway functions,
            BackgroundRoutes background,
            AppLoginForwarder appLogin,
            DomainChallenges challenges,
            ChallengeResponses acmeChallenges,
            EdgeMeters meters) {
        this.meters = meters;
        this.acmeChallenges = acmeChallenges;
        this.appLogin = appLogin;
        this.challenges = challenges;
        this.health = health;
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
        if (!(msg instanceof StreamedAdminRequest)
                && !(msg instanceof BufferedRequest)
                && !(msg instanceof ApiRequest)
                && !(msg instanceof Refusal)) {
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
        } else if (msg instanceof BufferedRequest buffered) {
            buffered.release();
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
        Exchange exchange =
                switch (msg) {
                    case StreamedAdminRequest streamed -> streamed.exchange();
                    case ApiRequest api -> api.exchange();
                    case BufferedRequest buffered -> buffered.exchange();
                    default -> null;
                };
        AdminOriginHeaders.answering(ctx.channel(), exchange);
        meters.started(ctx.channel(), exchange == null ? "refused" : EdgeMeters.route(exchange.route()));
        switch (msg) {
            case Refusal refusal ->
                EdgeResponses.refuse(
                        ctx,
                        EdgeResponses.problem(
                                refusal.problem(), refusal.instance(), refusal.trace(), refusal.requestId()),
                        refusal.head());
            case StreamedAdminRequest streamed ->
                admin.forward(ctx, streamed.exchange(), streamed.principal(), streamed.inline(), streamed.blob());
            case ApiRequest api -> functions.serve(ctx, api, () -> notFound(ctx, api.exchange()));
            case BufferedRequest buffered -> {
                try {
                    handle(ctx, buffered.exchange(), buffered.body());
                } finally {
                    buffered.release();
                }
            }
            default ->
                throw new IllegalStateException(
                        "not a request: " + msg.getClass().getName());
        }
    }

    private void handle(ChannelHandlerContext ctx, Exchange ex, ByteBuf body) {
        switch (ex.route()) {
            case Route.Health h -> health(ctx, ex);
            case Route.Setup s -> SetupPage.serve(ctx, ex);
            case Route.AdminContract c -> OpenApiDocument.serve(ctx, ex);
            case Route.AdminApi api -> {
                // public routes (login) get the origin check and the anonymous principal; the others carry no body
                String inline = inlineBody(ex, body);
                admin.authenticate(ctx, ex)
                        .thenAccept(who -> who.ifPresent(p -> admin.forward(ctx, ex, p, inline, null)));
            }
            case Route.AppPlatform platform
            when platform.kind() == Route.Platform.LOGIN -> appLogin.handle(ctx, ex, platform.host());
            case Route.AppPlatform platform -> background.handle(ctx, ex, platform, ByteBufUtil.getBytes(body));
            case Route.AppStatic s -> sites.serve(ctx, ex, s.host());
            case Route.DomainChallenge c -> challenges.serve(ctx, ex, c);
            case Route.AppFunction f -> throw new IllegalStateException("function requests stream");
            case Route.NotFound n -> notFound(ctx, ex);
            case Route.AcmeChallenge c -> acmeChallenge(ctx, ex, c.token());
            case Route.HttpsRedirect r ->
                EdgeResponses.send(
                        ctx,
                        EdgeResponses.redirect(r.location(), 308, ex.trace(), ex.requestId()),
                        ex.keepAlive(),
                        ex.head());
        }
    }

    /** A small text body of a public admin call (login), inline. */
    private static String inlineBody(Exchange ex, ByteBuf body) {
        int length = body.readableBytes();
        if (length == 0 || !AdminBodies.inline(ex.request().headers().get(HttpHeaderNames.CONTENT_TYPE), length)) {
            return null;
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The suite's health: UP or DOWN per service for anyone, the details (instances, checks) for a reader only. */
    private void health(ChannelHandlerContext ctx, Exchange ex) {
        if (!HttpMethod.GET.equals(ex.method()) && !ex.head()) {
            EdgeResponses.send(
                    ctx,
                    EdgeResponses.methodNotAllowed(ex.path(), ex.trace(), ex.requestId(), "GET, HEAD"),
                    ex.keepAlive(),
                    ex.head());
            return;
        }
        MDC.put(TraceContext.MDC_TRACE_ID, ex.trace().traceId());
        try {
            health.check()
                    .thenCombine(admin.mayRead(ex), (report, reader) -> reader ? report : report.summary())
                    .whenComplete((report, failure) -> {
                        FullHttpResponse response = failure == null
                                ? EdgeResponses.json(
                                        report.up() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                                        report,
                                        ex.trace(),
                                        ex.requestId())
                                : EdgeResponses.internalError(ex, failure, log);
                        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
                        EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
                    });
        } finally {
            MDC.remove(TraceContext.MDC_TRACE_ID);
        }
    }

    /** An ACME HTTP-01 answer this gateway (or another) put up while ordering, as plain text (ADR 28). */
    private void acmeChallenge(ChannelHandlerContext ctx, Exchange ex, String token) {
        String answer = acmeChallenges.answer(token);
        if (answer == null || (!HttpMethod.GET.equals(ex.method()) && !ex.head())) {
            notFound(ctx, ex);
            return;
        }
        FullHttpResponse response = EdgeResponses.body(
                HttpResponseStatus.OK,
                answer.getBytes(StandardCharsets.US_ASCII),
                "text/plain",
                ex.trace(),
                ex.requestId());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
    }

    static void notFound(ChannelHandlerContext ctx, Exchange ex) {
        EdgeResponses.send(
                ctx,
                EdgeResponses.problem(
                        Problem.of(
                                404,
                                "gateway/not-found",
                                "Not found",
                                "Nothing is served at " + ex.path() + " on this host."),
                        ex),
                ex.keepAlive(),
                ex.head());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Clients resetting connections is ordinary life on a public port; nothing for a human to act on.
        log.debug("edge connection error type={}", cause.getClass().getSimpleName());
        ctx.close();
    }
}
