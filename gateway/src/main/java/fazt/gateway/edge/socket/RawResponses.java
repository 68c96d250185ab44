package fazt.gateway.edge.socket;

import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.nio.charset.StandardCharsets;

/**
 * Answers written below the HTTP codec, by the handlers that guard the socket itself (a connection over a limit, a
 * client past a deadline): a complete HTTP/1.1 problem response, then the connection closes. On an HTTP/2 stream
 * (ADR 28) the same answer goes out as the stream's HEADERS and DATA frames, ending the stream, instead of a reset.
 */
final class RawResponses {
    private RawResponses() {}

    static void close(ChannelHandlerContext ctx, int status, String reason, String type, String title, String detail) {
        byte[] body = MessageCodec.INSTANCE.encode(Problem.of(status, type, title, detail));
        if (ctx.channel() instanceof Http2StreamChannel) {
            Http2Headers headers = new DefaultHttp2Headers()
                    .status(Integer.toString(status))
                    .set("content-type", Problem.MEDIA_TYPE)
                    .setInt("content-length", body.length)
                    .set("x-content-type-options", "nosniff")
                    .set("cache-control", "no-store");
            ctx.write(new DefaultHttp2HeadersFrame(headers));
            // the client may still be sending: NO_ERROR asks it to stop without failing the answer (RFC 9113 8.1);
            // closing the stream instead would reset it with CANCEL, which clients take as a failed request. The
            // reset waits for the DATA frame to be written: a reset first would drop the queued body.
            ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true))
                    .addListener(written -> ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR)));
            return;
        }
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: " + Problem.MEDIA_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Cache-Control: no-store\r\n"
                + (status == 429 || status == 503 ? "Retry-After: 1\r\n" : "")
                + "Connection: close\r\n\r\n";
        ctx.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
