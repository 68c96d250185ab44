package fazt.gateway.applogin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.SiteDirectory;
import fazt.platform.nats.NatsRequester;
import fazt.proto.MessageCodec;
import fazt.proto.auth.AppLoginReply;
import fazt.proto.auth.AppLoginRequest;
import fazt.proto.auth.AppSession;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.problem.Problem;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login paths every app host has under {@code /_fazt/auth/} ({@code login}, {@code callback}, {@code me}: GET;
 * {@code logout}: GET or POST), answered by auth-svc over {@code svc.auth.app.login}. The app (its id and name) comes
 * from the host's route, never from the request; the answer's redirect and cookies pass through as auth-svc wrote
 * them, never cached by anyone ({@code Cache-Control: no-store}).
 */
@Singleton
public final class AppLoginForwarder {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Logger log = LoggerFactory.getLogger(AppLoginForwarder.class);

    private final SiteDirectory sites;
    private final NatsRequester requester;
    private final AppSessionResolver sessions;

    AppLoginForwarder(SiteDirectory sites, NatsRequester requester, AppSessionResolver sessions) {
        this.sites = sites;
        this.requester = requester;
        this.sessions = sessions;
    }

    /** Answers a login path on the app host of {@code route}. */
    public void handle(ChannelHandlerContext ctx, Exchange ex, HostRoute route) {
        HttpRequest request = ex.request();
        boolean logout = ex.path().equals(AppSession.PATH_PREFIX + "logout");
        boolean get = HttpMethod.GET.equals(ex.method()) || ex.head();
        if (!get && !(logout && HttpMethod.POST.equals(ex.method()))) {
            send(
                    ctx,
                    ex,
                    EdgeResponses.methodNotAllowed(
                            ex.path(), ex.trace(), ex.requestId(), logout ? "GET, POST" : "GET"));
            return;
        }
        if (logout && LogoutOrigin.foreign(request.headers())) {
            send(
                    ctx,
                    ex,
                    EdgeResponses.problem(
                            Problem.of(
                                    403,
                                    "gateway/cross-site-logout",
                                    "Logout from another site",
                                    "A page of another site cannot log you out of this app; use the app's own logout link."),
                            ex));
            return;
        }
        String cookie = request.headers().get(HttpHeaderNames.COOKIE);
        sites.site(route.app())
                .thenCompose(site -> {
                    if (!site.found()) {
                        return CompletableFuture.completedFuture(EdgeResponses.problem(
                                Problem.of(
                                        404,
                                        "gateway/not-found",
                                        "Not found",
                                        "Nothing is served at " + ex.path() + " on this host."),
                                ex));
                    }
                    AppLoginRequest call = new AppLoginRequest(
                            site.appId(),
                            site.name(),
                            ex.authority(),
                            ex.https(),
                            ex.method().name(),
                            ex.path(),
                            ex.rawQuery(),
                            cookie,
                            ex.clientIp());
                    return requester
                            .request(AuthSubjects.APP_LOGIN, call, AppLoginReply.class, TIMEOUT)
                            .thenApply(reply -> {
                                if (logout) {
                                    sessions.forget(site.appId(), cookie, ex.https());
                                }
                                return response(ex, reply);
                            });
                })
                .whenComplete((response, failure) -> send(
                        ctx, ex, failure == null ? response : EdgeResponses.upstreamFailure(failure, "auth", ex, log)));
    }

    private static FullHttpResponse response(Exchange ex, AppLoginReply reply) {
        FullHttpResponse response;
        if (reply.location() != null) {
            response = EdgeResponses.redirect(reply.location(), reply.status(), ex.trace(), ex.requestId());
        } else if (reply.user() != null) {
            // every field present, null when unknown: the same shape as ctx.user in functions
            ObjectNode user = MessageCodec.INSTANCE
                    .mapper()
                    .createObjectNode()
                    .put("id", reply.user().id())
                    .put("email", reply.user().email())
                    .put("name", reply.user().name())
                    .put("picture", reply.user().picture())
                    .put("provider", reply.user().provider());
            response = EdgeResponses.body(
                    HttpResponseStatus.OK,
                    user.toString().getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    ex.trace(),
                    ex.requestId());
        } else {
            response = EdgeResponses.body(
                    HttpResponseStatus.valueOf(reply.status()), new byte[0], "text/plain", ex.trace(), ex.requestId());
        }
        reply.setCookies().forEach(c -> response.headers().add(HttpHeaderNames.SET_COOKIE, c));
        return response;
    }

    private static void send(ChannelHandlerContext ctx, Exchange ex, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set("Referrer-Policy", "no-referrer");
        EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
    }
}
