package fazt.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.proto.MessageCodec;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminOpenApi;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET admin.<domain>/api/openapi.json}: the admin API's OpenAPI 3.1 document, generated once from the route
 * tables this gateway was built with. Public: it describes the API every install has, no data of this one, and tools
 * read it before anyone logs in.
 */
public final class OpenApiDocument {
    private static final byte[] JSON;

    static {
        try {
            JSON = MessageCodec.INSTANCE.mapper().writeValueAsBytes(AdminOpenApi.document(AdminApi.TABLE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the admin API's OpenAPI document", e);
        }
    }

    private OpenApiDocument() {}

    public static void serve(ChannelHandlerContext ctx, Exchange ex) {
        if (!HttpMethod.GET.equals(ex.method()) && !ex.head()) {
            EdgeResponses.send(
                    ctx,
                    EdgeResponses.methodNotAllowed(ex.path(), ex.trace(), ex.requestId(), "GET, HEAD"),
                    ex.keepAlive(),
                    ex.head());
            return;
        }
        FullHttpResponse response =
                EdgeResponses.body(HttpResponseStatus.OK, JSON, "application/json", ex.trace(), ex.requestId());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
    }
}
