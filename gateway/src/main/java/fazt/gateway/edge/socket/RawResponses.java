package fazt.gateway.edge.socket;

import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * Answers written below the HTTP codec, by the handlers that guard the socket itself (a connection over a limit, a
 * client past a deadline): a complete HTTP/1.1 problem response, then the connection closes.
 */
final class RawResponses {
    private RawResponses() {}

    static void close(ChannelHandlerContext ctx, int status, String reason, String type, String title, String detail) {
        byte[] body = MessageCodec.INSTANCE.encode(Problem.of(status, type, title, detail));
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
