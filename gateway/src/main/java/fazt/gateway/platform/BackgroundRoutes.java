package fazt.gateway.platform;

import fazt.gateway.applogin.AppSessionResolver;
import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.intake.RequestTarget;
import fazt.gateway.edge.intake.Route;
import fazt.gateway.routing.SiteDirectory;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.scheduler.AsyncEnqueueRequest;
import fazt.proto.scheduler.HookReceiveRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.RunStatusReply;
import fazt.proto.scheduler.RunStatusRequest;
import fazt.proto.scheduler.SchedulerSubjects;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background-work paths every app host has under {@code /_fazt/}, answered through scheduler-svc:
 * <ul>
 *   <li>{@code POST /_fazt/async/<path>} queues the request {@code fetch} would get at {@code /api/<path>} and answers
 *       {@code 202 {"run_id", "status_url"}};</li>
 *   <li>{@code POST /_fazt/hooks/<hook-id>} delivers to a webhook (signature checked by the scheduler: 401 when it
 *       does not verify), {@code 202} likewise;</li>
 *   <li>{@code GET /_fazt/runs/<run-id>} is the run's public status (no payload, logs or errors), for runs of this
 *       host's app only.</li>
 * </ul>
 * The app id always comes from the host's route, never from the request. Bodies over
 * {@link SchedulerSubjects#MAX_PAYLOAD} are refused with 413. The scheduler decides what the app accepts: an async path
 * its {@code fazt.json} does not declare is answered 404 exactly as any unknown path, and its other problems (rate
 * limit {@code 429}, stored-payload cap {@code 507}, bad signature {@code 401}) pass through, a rate limit's
 * {@link SchedulerSubjects#RETRY_AFTER} as {@code Retry-After}.
 */
@Singleton
public final class BackgroundRoutes {
    static final String RUNS = Route.Platform.RUN_STATUS.prefix;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(BackgroundRoutes.class);

    private final SiteDirectory sites;
    private final NatsRequester requester;

    BackgroundRoutes(SiteDirectory sites, NatsRequester requester) {
        this.sites = sites;
        this.requester = requester;
    }

    /** Answers a background-work route ({@code route}, on an app host) with its whole {@code body}. */
    public void handle(ChannelHandlerContext ctx, Exchange ex, Route.AppPlatform route, byte[] body) {
        HttpRequest request = ex.request();
        String path = ex.path();
        boolean status = route.kind() == Route.Platform.RUN_STATUS;
        HttpMethod allowed = status ? HttpMethod.GET : HttpMethod.POST;
        if (!allowed.equals(ex.method())) {
            send(ctx, ex, EdgeResponses.methodNotAllowed(path, ex.trace(), ex.requestId(), allowed.name()));
            return;
        }
        String rest = route.rest();
        if (body.length > SchedulerSubjects.MAX_PAYLOAD) {
            send(
                    ctx,
                    ex,
                    EdgeResponses.problem(
                            Problem.of(
                                    413,
                                    "gateway/payload-too-large",
                                    "Payload too large",
                                    "A background run carries at most " + SchedulerSubjects.MAX_PAYLOAD / 1024
                                            + " KiB."),
                            path,
                            ex.trace(),
                            ex.requestId()));
            return;
        }
        List<HttpHeader> headers = new ArrayList<>();
        request.headers().forEach(h -> {
            // runs later, without a user: the app-login cookies (secrets) are neither stored nor handed to the app
            String value = h.getKey().equalsIgnoreCase("cookie")
                    ? AppSessionResolver.withoutLoginCookies(h.getValue())
                    : h.getValue();
            if (value != null) {
                headers.add(new HttpHeader(h.getKey(), value));
            }
        });
        String clientIp = ex.clientIp();
        sites.site(route.host().app())
                .thenCompose(site -> {
                    if (!site.found()) {
                        return CompletableFuture.completedFuture(notFound(ex));
                    }
                    if (status) {
                        return requester
                                .request(
                                        SchedulerSubjects.RUN_STATUS,
                                        new RunStatusRequest(site.appId(), rest),
                                        RunStatusReply.class,
                                        TIMEOUT)
                                .thenApply(reply -> reply.found()
                                        ? EdgeResponses.json(
                                                HttpResponseStatus.OK, statusView(reply), ex.trace(), ex.requestId())
                                        : notFound(ex));
                    }
                    if (route.kind() == Route.Platform.ASYNC) {
                        String url = ex.origin()
                                + RequestTarget.encode("/api/" + rest)
                                + (ex.rawQuery() == null ? "" : "?" + ex.rawQuery());
                        return accepted(
                                ex,
                                requester.request(
                                        SchedulerSubjects.ASYNC_ENQUEUE,
                                        new AsyncEnqueueRequest(
                                                site.appId(),
                                                site.name(),
                                                ex.method().name(),
                                                url,
                                                headers,
                                                body,
                                                clientIp),
                                        RunAccepted.class,
                                        TIMEOUT));
                    }
                    return accepted(
                            ex,
                            requester.request(
                                    SchedulerSubjects.HOOK_RECEIVE,
                                    new HookReceiveRequest(
                                            site.appId(),
                                            site.name(),
                                            rest,
                                            ex.method().name(),
                                            ex.url(),
                                            headers,
                                            body,
                                            clientIp),
                                    RunAccepted.class,
                                    TIMEOUT));
                })
                .whenComplete(
                        (response, failure) -> send(ctx, ex, failure == null ? response : refused(failure, ex, route)));
    }

    /** The answer to a failed call to the scheduler (see the class comment). */
    private static FullHttpResponse refused(Throwable failure, Exchange ex, Route.AppPlatform route) {
        Throwable cause = NatsRequester.causeOf(failure);
        if (cause instanceof ProblemException p
                && p.problem().status() == 404
                && route.kind() == Route.Platform.ASYNC) {
            return notFound(ex);
        }
        FullHttpResponse response = EdgeResponses.upstreamFailure(failure, "scheduler", ex, log);
        if (cause instanceof ProblemException p
                && p.problem().extensions().get(SchedulerSubjects.RETRY_AFTER) instanceof Number seconds) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, seconds.longValue()));
        }
        return response;
    }

    private static CompletableFuture<FullHttpResponse> accepted(Exchange ex, CompletableFuture<RunAccepted> call) {
        return call.thenApply((Function<RunAccepted, FullHttpResponse>) run -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("run_id", run.runId());
            body.put("status_url", RUNS + run.runId());
            FullHttpResponse response =
                    EdgeResponses.json(HttpResponseStatus.ACCEPTED, body, ex.trace(), ex.requestId());
            response.headers().set(HttpHeaderNames.LOCATION, RUNS + run.runId());
            return response;
        });
    }

    private static Map<String, Object> statusView(RunStatusReply r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("run_id", r.runId());
        view.put("trigger", r.trigger());
        view.put("status", r.status());
        view.put("attempts", r.attempts());
        view.put("created_at", r.createdAt());
        view.put("finished_at", r.finishedAt());
        return view;
    }

    private static FullHttpResponse notFound(Exchange ex) {
        return EdgeResponses.problem(
                Problem.of(
                        404, "gateway/not-found", "Not found", "Nothing is served at " + ex.path() + " on this host."),
                ex);
    }

    private static void send(ChannelHandlerContext ctx, Exchange ex, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
    }
}
