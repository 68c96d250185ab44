package fazt.gateway.edge;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.TraceContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * What the edge keeps of one request while it is answered asynchronously: the request line and headers (never the
 * body, which is released as soon as it is read), the trace, the request id, keep-alive and the decoded path.
 */
public record Exchange(HttpRequest request, TraceContext trace, String requestId, boolean keepAlive, boolean head,
                       String path, String rawQuery) {
    public static Exchange of(HttpRequest request) {
        HttpRequest headersOnly = new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                request.headers().copy());
        TraceContext trace = TraceContext.parse(request.headers().get(FaztHeaders.TRACEPARENT)).orElseGet(TraceContext::start);
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            path = null;
        }
        int q = request.uri().indexOf('?');
        return new Exchange(headersOnly, trace, EdgeResponses.requestId(request), HttpUtil.isKeepAlive(request),
                HttpMethod.HEAD.equals(request.method()), path, q < 0 ? null : request.uri().substring(q + 1));
    }

    public HttpMethod method() {
        return request.method();
    }
}
