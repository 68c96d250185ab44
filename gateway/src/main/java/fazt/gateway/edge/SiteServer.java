package fazt.gateway.edge;

import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.PathResolver;
import fazt.gateway.routing.Resolution;
import fazt.gateway.routing.SiteDirectory;
import fazt.gateway.routing.SitePath;
import fazt.gateway.site.ServedFile;
import fazt.gateway.site.StaticResponder;
import fazt.proto.deploy.SiteReply;
import fazt.proto.problem.Problem;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a request on an app host: the app's live site (from {@link SiteDirectory}), the path's resolution (from
 * {@link PathResolver}), then the file through the {@link StaticResponder}. Whatever an app lacks, the {@code 404}
 * app answers with status 404; unknown hosts get the {@code 404} app straight away.
 */
@Singleton
final class SiteServer {
    private static final Logger log = LoggerFactory.getLogger(SiteServer.class);
    /** The bundle folder of server code: nothing in it is ever served as a file. */
    static final String SERVER_CODE = "api/";

    private final SiteDirectory directory;
    private final PathResolver resolver;
    private final StaticResponder responder;

    SiteServer(SiteDirectory directory, PathResolver resolver, StaticResponder responder) {
        this.directory = directory;
        this.resolver = resolver;
        this.responder = responder;
    }

    void serve(ChannelHandlerContext ctx, Exchange ex, HostRoute route) {
        if (!HttpMethod.GET.equals(ex.method()) && !HttpMethod.HEAD.equals(ex.method())) {
            FullHttpResponse refused = route.custom()
                    ? plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed\n", ex)
                    : EdgeResponses.methodNotAllowed(ex.path(), ex.trace(), ex.requestId(), "GET, HEAD");
            refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            EdgeResponses.send(ctx, refused, ex.keepAlive(), ex.head());
            return;
        }
        SitePath path = SitePath.parse(ex.path());
        if (path == null) {
            EdgeResponses.send(
                    ctx,
                    route.custom()
                            ? plain(HttpResponseStatus.BAD_REQUEST, "Bad request\n", ex)
                            : EdgeResponses.problem(
                                    Problem.of(
                                            400,
                                            "gateway/bad-path",
                                            "Bad path",
                                            "The path is not valid (encoded \"..\", control characters or backslashes)."),
                                    "/",
                                    ex.trace(),
                                    ex.requestId()),
                    false,
                    ex.head());
            return;
        }
        boolean unknownHost = route.kind() == HostRoute.Kind.UNKNOWN;
        directory
                .site(route.app())
                .thenCompose(site -> site.found() && !unknownHost
                        ? resolver.resolve(site, path, ex.rawQuery()).thenApply(r -> new Found(site, r))
                        : CompletableFuture.completedFuture(new Found(site, new Resolution.Missing())))
                .thenCompose(found -> found.resolution() instanceof Resolution.Missing
                        ? notFoundApp(path)
                        : CompletableFuture.completedFuture(found))
                .whenComplete((found, failure) -> {
                    if (failure != null) {
                        EdgeResponses.send(
                                ctx,
                                EdgeResponses.upstreamFailure(failure, "site", ex, log),
                                ex.keepAlive(),
                                ex.head());
                        return;
                    }
                    answer(ctx, ex, path, found, route.custom());
                });
    }

    private record Found(SiteReply site, Resolution resolution) {}

    /** The {@code 404} app's answer for {@code path}, always with status 404. */
    private CompletableFuture<Found> notFoundApp(SitePath path) {
        return directory.site(HostRoute.NOT_FOUND_APP).thenCompose(site -> {
            if (!site.found()) {
                return CompletableFuture.completedFuture(new Found(site, new Resolution.Missing()));
            }
            return resolver.resolve(site, path, null)
                    .thenApply(r -> new Found(
                            site,
                            switch (r) {
                                case Resolution.File f -> new Resolution.File(f.file(), 404);
                                default -> new Resolution.Missing();
                            }));
        });
    }

    /**
     * A plain-text answer for a custom domain's host (white label, docs/domains.md): a problem's {@code type} there
     * would name fazt to the client's visitors.
     */
    private static FullHttpResponse plain(HttpResponseStatus status, String text, Exchange ex) {
        return EdgeResponses.body(
                status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", ex.trace(), ex.requestId());
    }

    private void answer(ChannelHandlerContext ctx, Exchange ex, SitePath path, Found found, boolean custom) {
        Resolution resolution = found.resolution();
        if (resolution instanceof Resolution.File f && f.file().path().startsWith(SERVER_CODE)) {
            resolution = new Resolution.Missing(); // server code is never a static file, whatever led to it
        }
        switch (resolution) {
            case Resolution.File f -> {
                SiteReply site = found.site();
                Instant modified = site.deployedAt() != null ? site.deployedAt() : Instant.EPOCH;
                Map<String, String> headers = resolver.headers(site, path);
                responder.respond(
                        ctx,
                        ex.request(),
                        new ServedFile(
                                f.file().path(), f.file().digest(), f.file().size(), modified),
                        HttpResponseStatus.valueOf(f.status()),
                        headers,
                        ex.keepAlive());
            }
            case Resolution.Redirect r ->
                EdgeResponses.send(
                        ctx,
                        EdgeResponses.redirect(r.location(), r.status(), ex.trace(), ex.requestId()),
                        ex.keepAlive(),
                        ex.head());
            case Resolution.Missing m
            when custom ->
                EdgeResponses.send(
                        ctx, plain(HttpResponseStatus.NOT_FOUND, "Not found\n", ex), ex.keepAlive(), ex.head());
            case Resolution.Missing m ->
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
    }
}
