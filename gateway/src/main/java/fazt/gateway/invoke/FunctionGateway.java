package fazt.gateway.invoke;

import fazt.gateway.applogin.AppSessionResolver;
import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.intake.Route;
import fazt.gateway.routing.SiteDirectory;
import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.Chunk;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.deploy.SiteReply;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests under {@code /api/} on app hosts: when the app's live version has server code
 * ({@link SiteReply#api()}), the request runs on any runtime-svc instance ({@link Invocation}); otherwise it is an
 * ordinary static request. The request body goes as a first chunk inline and, when longer, a body stream the runtime
 * pulls from this gateway; the response streams back the same way ({@link FunctionResponseWriter}). No runtime: 503
 * with {@code Retry-After} at once; past the deadline: 504; an instance that dies mid-request (its heartbeats stop):
 * 503 with {@code Retry-After} at once. A request that was running there (it had beaten at least once, or it was
 * already a retry) is the likely cause and is never sent to another instance: its route cools down for
 * {@link PoisonGuard#COOL_DOWN} and the app's log and metrics show it ({@link LostRequestLog}, ADR 0035); one that had
 * not started there, a GET or HEAD without a streamed body, is retried once on another instance, and a request id is
 * never retried twice. A runtime problem (the app's error) passes through with its status.
 * The app user logged in by the app-session cookie ({@link AppSessionResolver}) goes with the request as
 * {@link InvokeRequest#user()}; the app-login cookies themselves are removed from the headers the app sees.
 */
@Singleton
public final class FunctionGateway {
    private static final Logger log = LoggerFactory.getLogger(FunctionGateway.class);

    private final SiteDirectory directory;
    private final Connection nats;
    private final BootstrapSettings settings;
    private final FunctionConfig config;
    private final BodyStreamHolder requestBodies;
    private final ProgressInbox heartbeats;
    private final AppSessionResolver appSessions;
    private final PoisonGuard guard;
    private final LostRequestLog lostLog;

    /** {@code Retry-After} of a 503 while no runtime instance answers: about the time one takes to start again. */
    static final long RUNTIME_RETRY_AFTER_SECONDS = 5;

    FunctionGateway(
            SiteDirectory directory,
            Connection nats,
            BootstrapSettings settings,
            FunctionConfig config,
            AppSessionResolver appSessions,
            PoisonGuard guard,
            LostRequestLog lostLog) {
        this.appSessions = appSessions;
        this.guard = guard;
        this.lostLog = lostLog;
        this.directory = directory;
        this.nats = nats;
        this.settings = settings;
        this.config = config;
        this.requestBodies = new BodyStreamHolder(nats);
        this.heartbeats = new ProgressInbox(nats);
    }

    /** Serves {@code api}; {@code notFound} answers it when the app has no server code (nothing is under api/). */
    public void serve(ChannelHandlerContext ctx, ApiRequest api, Runnable notFound) {
        Exchange ex = api.exchange();
        directory.site(((Route.AppFunction) ex.route()).host().app()).whenComplete((site, failure) -> ctx.executor()
                .execute(() -> {
                    if (failure != null) {
                        api.body().close();
                        EdgeResponses.send(
                                ctx,
                                EdgeResponses.upstreamFailure(failure, "site", ex, log),
                                ex.keepAlive(),
                                ex.head());
                        return;
                    }
                    if (!site.found() || !site.api()) {
                        api.body().close();
                        notFound.run();
                        return;
                    }
                    new Call(ctx, api, site).start();
                }));
    }

    /** One function request on the edge, from the first body chunk to the last response byte. Event loop. */
    private final class Call {
        private final ChannelHandlerContext ctx;
        private final ApiRequest api;
        private final Exchange ex;
        private final SiteReply site;
        private final long startedNanos = System.nanoTime();
        private BodyStreamHolder.HeldStream held;
        private boolean answered;

        Call(ChannelHandlerContext ctx, ApiRequest api, SiteReply site) {
            this.ctx = ctx;
            this.api = api;
            this.ex = api.exchange();
            this.site = site;
        }

        void start() {
            long cooling = guard.coolingSeconds(site.appId(), ex.path());
            if (cooling > 0) {
                fail(
                        Problem.of(
                                503,
                                "gateway/route-cooling-down",
                                "Route cooling down",
                                "A request to this route was running on a runtime instance that stopped; the route"
                                        + " is not run for " + cooling + " s."),
                        cooling);
                return;
            }
            api.body().tooLarge().thenRun(() -> ctx.executor().execute(() -> {
                if (!answered) {
                    answered = true;
                    ApiRequestStreamer.refuse(
                            ctx, ex, ApiRequestStreamer.tooLarge(api.body().maxBytes()), api.body());
                    release();
                }
            }));
            ctx.channel().closeFuture().addListener(closed -> ctx.executor().execute(this::release));
            api.body().next(RuntimeSubjects.CHUNK_SIZE).whenComplete((first, failure) -> ctx.executor()
                    .execute(() -> {
                        if (answered) {
                            return;
                        }
                        if (failure != null) {
                            answer(failure);
                            return;
                        }
                        if (!first.last()) {
                            held = requestBodies.register(api.body());
                        }
                        InvokeRequest request = request(first);
                        appSessions
                                .user(site.appId(), ex.request().headers().get(HttpHeaderNames.COOKIE), ex.https())
                                .whenComplete(
                                        (user, lookupFailure) -> ctx.executor().execute(() -> {
                                            if (!answered) {
                                                attempt(user == null ? request : request.withUser(user), 1);
                                            }
                                        }));
                    }));
        }

        private void attempt(InvokeRequest request, int attempt) {
            Invocation.start(nats, heartbeats, settings.root(), request, ex.trace(), ctx.executor())
                    .whenComplete((response, failure) -> ctx.executor().execute(() -> {
                        if (answered) {
                            return;
                        }
                        if (failure == null) {
                            respond(response);
                            return;
                        }
                        Throwable cause = NatsRequester.causeOf(failure);
                        if (cause instanceof InvocationFailure lost
                                && lost.kind() == InvocationFailure.Kind.INSTANCE_LOST) {
                            // It was running there when the instance died (or it is the retry): the likely cause.
                            boolean likelyCause = lost.beats() > 0 || attempt > 1;
                            boolean retry = !likelyCause && retryable() && guard.mayRetry(ex.requestId());
                            if (likelyCause) {
                                guard.coolDown(site.appId(), ex.path());
                            }
                            lostLog.lost(
                                    site.appId(),
                                    site.name(),
                                    ex.requestId(),
                                    ex.method().name(),
                                    ex.path(),
                                    lost,
                                    likelyCause,
                                    retry,
                                    startedNanos);
                            if (retry) {
                                attempt(request, attempt + 1);
                                return;
                            }
                            fail(
                                    Problem.of(
                                            503,
                                            LostRequestLog.TYPE,
                                            "Runtime instance lost",
                                            "The runtime instance running this request stopped answering"
                                                    + (likelyCause
                                                            ? "; this route is not run for "
                                                                    + PoisonGuard.COOL_DOWN.toSeconds() + " s."
                                                            : ".")),
                                    likelyCause ? PoisonGuard.COOL_DOWN.toSeconds() : RUNTIME_RETRY_AFTER_SECONDS);
                            return;
                        }
                        answer(cause);
                    }));
        }

        /** Only requests that change nothing and whose body is all inline can be sent again. */
        private boolean retryable() {
            return (HttpMethod.GET.equals(ex.method()) || HttpMethod.HEAD.equals(ex.method())) && held == null;
        }

        private void respond(InvokeResponse response) {
            answered = true;
            BodyStreamReader stream = response.bodyStream() == null
                    ? null
                    : new BodyStreamReader(nats, response.bodyStream(), Duration.ofMillis(config.timeoutMillis()));
            try {
                FunctionResponseWriter.write(ctx, ex, response, stream).whenComplete((v, f) -> release());
            } catch (IllegalArgumentException e) {
                log.warn(
                        "function response not valid HTTP requestId={} app={} reason={}",
                        ex.requestId(),
                        site.name(),
                        e.getMessage());
                EdgeResponses.send(
                        ctx,
                        EdgeResponses.problem(
                                Problem.of(
                                        502,
                                        "gateway/bad-function-response",
                                        "Bad function response",
                                        "The app's function answered with a status or header that is not"
                                                + " valid HTTP."),
                                ex),
                        ex.keepAlive(),
                        ex.head());
                release();
            }
        }

        private void answer(Throwable cause) {
            if (cause instanceof ProblemException p) {
                fail(p.problem());
                return;
            }
            if (cause instanceof InvocationFailure f) {
                fail(
                        switch (f.kind()) {
                            case UNAVAILABLE ->
                                Problem.of(
                                        503,
                                        "gateway/runtime-unavailable",
                                        "Runtime unavailable",
                                        "No runtime instance is running to answer this app's functions. Try again shortly.");
                            case INSTANCE_LOST ->
                                Problem.of(
                                        503,
                                        LostRequestLog.TYPE,
                                        "Runtime instance lost",
                                        "The runtime instance running this request stopped answering.");
                            case TIMEOUT ->
                                Problem.of(
                                        504,
                                        "gateway/function-timeout",
                                        "Function timeout",
                                        "The app's function did not answer within " + config.timeoutMillis() + " ms.");
                        });
                return;
            }
            answered = true;
            EdgeResponses.send(ctx, EdgeResponses.internalError(ex, cause, log), ex.keepAlive(), ex.head());
            release();
        }

        private void fail(Problem problem) {
            fail(problem, problem.status() == 503 ? RUNTIME_RETRY_AFTER_SECONDS : 0);
        }

        /** Answers {@code problem}, with {@code Retry-After: retryAfterSeconds} unless that is 0. */
        private void fail(Problem problem, long retryAfterSeconds) {
            if (answered) {
                return;
            }
            answered = true;
            FullHttpResponse response = EdgeResponses.problem(problem, ex);
            if (retryAfterSeconds > 0) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
            }
            EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
            if (!api.body().complete()) {
                // the client is still sending: read the rest off the socket, then close
                api.body().dropRest();
            }
            release();
        }

        /** The request is over: stop holding what is left of its body. */
        private void release() {
            answered = true;
            if (held != null) {
                held.cancel();
            }
            api.body().close();
        }

        private InvokeRequest request(Chunk first) {
            List<HttpHeader> headers = new ArrayList<>();
            for (Map.Entry<String, String> header : ex.request().headers()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("cookie")) {
                    // the app sees ctx.user, never the app session's secret
                    String kept = AppSessionResolver.withoutLoginCookies(header.getValue());
                    if (kept != null) {
                        headers.add(new HttpHeader(header.getKey(), kept));
                    }
                } else if (!FunctionResponseWriter.HOP_BY_HOP.contains(name)
                        && !name.equals("x-request-id")
                        && !name.equals("expect")) {
                    headers.add(new HttpHeader(header.getKey(), header.getValue()));
                }
            }
            headers.add(new HttpHeader("X-Request-Id", ex.requestId()));
            long length = first.last() ? first.data().length : HttpUtil.getContentLength(ex.request(), -1L);
            return new InvokeRequest(
                    ex.requestId(),
                    site.appId(),
                    site.name(),
                    site.version(),
                    site.namespace(),
                    "http",
                    ex.method().name(),
                    ex.url(),
                    headers,
                    first.data(),
                    held == null ? null : held.subject(),
                    length,
                    ex.clientIp(),
                    config.timeoutMillis());
        }
    }

    @PreDestroy
    void stop() {
        requestBodies.close();
        heartbeats.close();
    }
}
