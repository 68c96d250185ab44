package fazt.gateway.edge;

import fazt.gateway.edge.intake.RequestTarget;
import fazt.gateway.edge.intake.Route;
import fazt.platform.nats.TraceContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * What the edge keeps of one request while it is answered asynchronously, as the intake classified it once (ADR 19):
 * the request line and headers (never the body), the trace and request id, keep-alive, the canonical {@code path}
 * with the raw query, the {@link Route}, the canonical {@code host} and the {@code authority} to build URLs with (the
 * host and any non-default port), the canonical {@code scheme} and the client's address.
 */
public record Exchange(
        HttpRequest request,
        TraceContext trace,
        String requestId,
        boolean keepAlive,
        boolean head,
        String path,
        String rawQuery,
        Route route,
        String host,
        String authority,
        String scheme,
        String clientIp) {
    public HttpMethod method() {
        return request.method();
    }

    /** {@code scheme://authority}: the origin the client addressed. */
    public String origin() {
        return scheme + "://" + authority;
    }

    /** The request's URL as the app should see it: canonical origin and path, the query as sent. */
    public String url() {
        return origin() + RequestTarget.encode(path) + (rawQuery == null ? "" : "?" + rawQuery);
    }

    /** Whether the request came to a custom domain mapped to an app (ADR 27): nothing answered names fazt. */
    public boolean customDomain() {
        return switch (route) {
            case Route.AppPlatform p -> p.host().custom();
            case Route.AppFunction f -> f.host().custom();
            case Route.AppStatic a -> a.host().custom();
            case Route.DomainChallenge d -> d.host().custom();
            case null, default -> false;
        };
    }

    public boolean https() {
        return scheme.equals("https");
    }
}
