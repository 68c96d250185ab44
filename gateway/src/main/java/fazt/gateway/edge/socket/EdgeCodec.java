package fazt.gateway.edge.socket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * HTTP/1.1 for the edge: Netty's request decoder with strict framing (CRLF line endings only, the request line and
 * header section bounded by {@link EdgeLimits}, and a request carrying both {@code Content-Length} and
 * {@code Transfer-Encoding} marked as failed instead of silently reframed) and Netty's response encoder, which sends
 * no body for answers to HEAD. Netty's own server codec cannot be told to refuse the CL+TE pair (RFC 9112 §6.3 wants
 * the connection closed after it), hence this pair of its parts.
 */
public final class EdgeCodec extends CombinedChannelDuplexHandler<EdgeCodec.Decoder, EdgeCodec.Encoder> {
    /** Why a request's framing was refused: it carried both Content-Length and Transfer-Encoding. */
    public static final class AmbiguousLength extends IllegalArgumentException {
        AmbiguousLength() {
            super("Content-Length and Transfer-Encoding together", null);
        }
    }

    public EdgeCodec() {
        Queue<HttpMethod> methods = new ArrayDeque<>();
        init(new Decoder(methods), new Encoder(methods));
    }

    static final class Decoder extends HttpRequestDecoder {
        private final Queue<HttpMethod> methods;

        Decoder(Queue<HttpMethod> methods) {
            super(new HttpDecoderConfig()
                    .setMaxInitialLineLength(EdgeLimits.MAX_REQUEST_LINE)
                    .setMaxHeaderSize(EdgeLimits.MAX_HEADER_BYTES)
                    .setStrictLineParsing(true)
                    .setAllowDuplicateContentLengths(false));
            this.methods = methods;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof HttpRequest request) {
                    methods.add(request.method());
                }
            }
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.setDecoderResult(DecoderResult.failure(new AmbiguousLength()));
        }
    }

    static final class Encoder extends HttpResponseEncoder {
        private final Queue<HttpMethod> methods;

        Encoder(Queue<HttpMethod> methods) {
            this.methods = methods;
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse response) {
            HttpResponseStatus status = response.status();
            boolean interim = status.codeClass() == HttpStatusClass.INFORMATIONAL
                    && status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
            HttpMethod method = interim ? methods.peek() : methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(response);
        }
    }
}
