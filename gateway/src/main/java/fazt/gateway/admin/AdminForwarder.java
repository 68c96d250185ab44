package fazt.gateway.admin;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.intake.RequestTarget;
import fazt.gateway.edge.intake.Route;
import fazt.gateway.routing.SiteDirectory;
import fazt.gateway.site.ServedFile;
import fazt.gateway.site.StaticResponder;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.TraceContext;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import fazt.proto.problem.Problem;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The admin API at {@code admin.<domain>/api/...}: authenticates the caller with auth-svc, forwards an
 * {@link AdminRequest} to the service owning the path over NATS, and turns its answer (or problem) into HTTP. A
 * change of an app drops that app's route (and every cached "no such app") from this gateway at once, so the caller's
 * next request already sees it; other gateways follow from the event within milliseconds.
 */
@Singleton
public final class AdminForwarder {
    /** Deploys of 100 MB bundles are unpacked, hashed and stored before the answer: give them time. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** The caller of a public route (login, signup, setup): no subject, no scopes. */
    public static final Principal ANONYMOUS = new Principal("anonymous", "anonymous", List.of(), null);

    private static final Logger log = LoggerFactory.getLogger(AdminForwarder.class);
    private final Authenticator auth;
    private final NatsRequester nats;
    private final SiteDirectory sites;
    private final StaticResponder responder;

    AdminForwarder(Authenticator auth, NatsRequester nats, SiteDirectory sites, StaticResponder responder) {
        this.auth = auth;
        this.nats = nats;
        this.sites = sites;
        this.responder = responder;
    }

    /**
     * Authenticates; completes with the principal ({@link #ANONYMOUS} on the public routes: login, signup, setup), or
     * answers 401 (no valid credential) or 403 (CSRF) itself and completes empty.
     */
    public CompletableFuture<Optional<Principal>> authenticate(ChannelHandlerContext ctx, Exchange ex) {
        AdminCaller caller = AdminCaller.of(ex);
        boolean publicRoute = ex.route() instanceof Route.AdminApi api && api.publicRoute();
        String violation = caller.csrfViolation(ex.request(), publicRoute);
        if (violation != null) {
            EdgeResponses.send(
                    ctx,
                    EdgeResponses.problem(Problem.of(403, "auth/csrf", "Cross-site request refused", violation), ex),
                    ex.keepAlive(),
                    ex.head());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (publicRoute) {
            return CompletableFuture.completedFuture(Optional.of(ANONYMOUS));
        }
        return auth.principalOfSecret(caller.secret()).handle((principal, failure) -> {
            if (failure != null) {
                EdgeResponses.send(ctx, EdgeResponses.upstreamFailure(failure, "auth", ex, log), false, ex.head());
                return Optional.empty();
            }
            if (principal.isEmpty()) {
                FullHttpResponse response = EdgeResponses.problem(
                        Problem.of(
                                401,
                                "auth/unauthorized",
                                "Unauthorized",
                                "A valid token (Authorization: Bearer <token>) or session is required."),
                        ex);
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"fazt\"");
                EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
            }
            return principal;
        });
    }

    /**
     * Whether the request carries the credential of a principal who may read everything (scope {@code read} or
     * {@code admin}); false, never a failure, when it carries none or auth-svc cannot say.
     */
    public CompletableFuture<Boolean> mayRead(Exchange ex) {
        String secret = AdminCaller.of(ex).secret();
        if (secret == null) {
            return CompletableFuture.completedFuture(false);
        }
        return auth.principalOfSecret(secret)
                .handle((principal, failure) -> failure == null
                        && principal.map(p -> p.allows(Principal.READ)).orElse(false));
    }

    /** Forwards an authenticated request with its body inline ({@code body}) or stored ({@code blob}). */
    public void forward(ChannelHandlerContext ctx, Exchange ex, Principal principal, String body, BodyBlob blob) {
        String apiPath = ((Route.AdminApi) ex.route()).apiPath();
        ServiceName owner = AdminApi.TABLE.ownerOf(apiPath);
        if (owner == null) {
            EdgeResponses.send(
                    ctx,
                    EdgeResponses.problem(
                            Problem.of(
                                            404,
                                            "admin/no-route",
                                            "No such route",
                                            "There is no admin API at " + ex.path() + ".")
                                    .withErrors(List.of(
                                            new Problem.FieldError("path", "No route matches " + ex.path() + "."))),
                            ex),
                    ex.keepAlive(),
                    ex.head());
            return;
        }
        AdminRequest request = new AdminRequest(
                ex.method().name(),
                apiPath,
                new QueryStringDecoder(ex.rawQuery() == null ? "" : ex.rawQuery(), false).parameters(),
                principal,
                ex.request().headers().get(HttpHeaderNames.CONTENT_TYPE),
                body,
                blob,
                ex.requestId());
        MDC.put(TraceContext.MDC_TRACE_ID, ex.trace().traceId());
        try {
            AdminCaller caller = AdminCaller.of(ex);
            Map<String, String> headers = Map.of(
                    FaztHeaders.TYPE,
                    MessageCodec.typeId(AdminRequest.class),
                    FaztHeaders.CLIENT_IP,
                    caller.clientIp(),
                    FaztHeaders.ADMIN_ORIGIN,
                    caller.origin());
            nats.requestRaw(AdminSubjects.of(owner), headers, MessageCodec.INSTANCE.encode(request), TIMEOUT)
                    .thenApply(reply -> MessageCodec.INSTANCE.decode(reply.getData(), AdminResponse.class))
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            EdgeResponses.send(
                                    ctx,
                                    EdgeResponses.upstreamFailure(failure, owner.id(), ex, log),
                                    ex.keepAlive(),
                                    ex.head());
                            return;
                        }
                        if (!HttpMethod.GET.equals(ex.method())
                                && !HttpMethod.HEAD.equals(ex.method())
                                && owner == ServiceName.DEPLOY) {
                            sites.dropWritten(appOf(apiPath));
                        }
                        answer(ctx, ex, response, caller);
                    });
        } finally {
            MDC.remove(TraceContext.MDC_TRACE_ID);
        }
    }

    /** The app an admin path names ({@code /apps/<name>[/...]}), or null. */
    static String appOf(String apiPath) {
        String[] parts = apiPath.replaceAll("^/+", "").split("/", 3);
        return parts.length > 1 && parts[0].equals("apps") && !parts[1].isBlank() ? parts[1] : null;
    }

    private void answer(ChannelHandlerContext ctx, Exchange ex, AdminResponse response, AdminCaller caller) {
        if (response.bodyBlob() != null) {
            BodyBlob blob = response.bodyBlob();
            String name = ex.path().substring(ex.path().lastIndexOf('/') + 1);
            // a download, never a page of the admin origin (AdminOriginHeaders adds nosniff and a sandboxing policy)
            Map<String, String> headers =
                    new LinkedHashMap<>(response.headers() == null ? Map.of() : response.headers());
            headers.put(
                    "Content-Disposition",
                    "attachment; filename*=UTF-8''"
                            + RequestTarget.encode(name).replace(";", "%3B").replace(",", "%2C"));
            responder.respond(
                    ctx,
                    ex.request(),
                    new ServedFile(name, blob.digest(), blob.size(), Instant.EPOCH),
                    HttpResponseStatus.OK,
                    headers,
                    ex.keepAlive());
            return;
        }
        byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = EdgeResponses.body(
                HttpResponseStatus.valueOf(response.status()),
                body,
                response.contentType() == null ? "application/json" : response.contentType(),
                ex.trace(),
                ex.requestId());
        if (response.status() == 204) {
            http.headers().remove(HttpHeaderNames.CONTENT_TYPE);
        }
        if (response.headers() != null) {
            response.headers().forEach((k, v) -> http.headers()
                    .set(k, k.equalsIgnoreCase("Set-Cookie") ? caller.cookieHeader(v) : v));
        }
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        EdgeResponses.send(ctx, http, ex.keepAlive(), ex.head());
    }
}
