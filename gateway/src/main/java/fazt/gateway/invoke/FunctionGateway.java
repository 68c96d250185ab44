package fazt.gateway.invoke;

import fazt.gateway.applogin.AppSessionResolver;
import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.intake.Route;
import fazt.gateway.routing.SiteDirectory;
import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.Chunk;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.deploy.SiteReply;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.netty.channel.ChannelHandlerContext;
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
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests under {@code /api/} on app hosts: when the app's live version has server code
 * ({@link SiteReply#api()}), the request runs on any runtime-svc instance ({@link Invocation}); otherwise it is an
 * ordinary static request. The request body goes as a first chunk inline and, when longer, a body stream the runtime
 * pulls from this gateway; the response streams back the same way ({@link FunctionResponseWriter}). No runtime: 502 at
 * once; past the deadline: 504; an instance that dies mid-request: 502 at once, GET and HEAD (without a streamed
 * body) first retried once on another instance; a runtime problem (the app's error) passes through with its status.
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
    private final Dispatcher heartbeats;
    private final AppSessionResolver appSessions;

    FunctionGateway(
            SiteDirectory directory,
            Connection nats,
            BootstrapSettings settings,
            FunctionConfig config,
            AppSessionResolver appSessions) {
        this.appSessions = appSessions;
        this.directory = directory;
        this.nats = nats;
        this.settings = settings;
        this.config = config;
        this.requestBodies = new BodyStreamHolder(nats);
        this.heartbeats = nats.createDispatcher();
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
        private BodyStreamHolder.HeldStream held;
        private boolean answered;

        Call(ChannelHandlerContext ctx, ApiRequest api, SiteReply site) {
            this.ctx = ctx;
            this.api = api;
            this.ex = api.exchange();
            this.site = site;
        }

        void start() {
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
                        Throwable cause = unwrap(failure);
                        if (cause instanceof InvocationFailure lost
                                && lost.kind() == InvocationFailure.Kind.INSTANCE_LOST
                                && attempt == 1
                                && retryable()) {
                            log.warn(
                                    "runtime instance lost, retrying requestId={} app={}", ex.requestId(), site.name());
                            attempt(request, 2);
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
                                        502,
                                        "gateway/runtime-unavailable",
                                        "Runtime unavailable",
                                        "No runtime instance is running to answer this app's functions. Try again shortly.");
                            case INSTANCE_LOST ->
                                Problem.of(
                                        502,
                                        "gateway/runtime-instance-lost",
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
            if (answered) {
                return;
            }
            answered = true;
            if (api.body().complete()) {
                EdgeResponses.send(ctx, EdgeResponses.problem(problem, ex), ex.keepAlive(), ex.head());
            } else {
                // the client is still sending: answer, read the rest off the socket, then close
                ApiRequestStreamer.refuse(ctx, ex, problem, api.body());
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

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @PreDestroy
    void stop() {
        requestBodies.close();
        try {
            nats.closeDispatcher(heartbeats);
        } catch (IllegalStateException e) {
            // connection already closed
        }
    }
}
