package fazt.gateway.invoke;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.Chunk;
import fazt.platform.nats.FaztHeaders;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a function's response to the client: the head with the app's headers (hop-by-hop ones dropped, the request
 * id set), the inline first chunk, then the body stream pulled from the runtime one chunk at a time, each pull
 * issued while the previous chunk is written and the next write waiting for the previous one to complete, so a slow
 * client slows the runtime down. Unknown lengths go {@code Transfer-Encoding: chunked}; HEAD gets the head only. A
 * client that leaves (its connection or HTTP/2 stream closes) stops the pulls and cancels the body stream, so the
 * runtime stops the app's stream and frees its context at once; a stream that breaks after the head closes the
 * connection. Event loop only.
 */
final class FunctionResponseWriter {
    /** Headers that describe one connection, not the message; the app cannot set them. */
    static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "upgrade",
            "te",
            "trailer",
            "content-length");

    private static final Logger log = LoggerFactory.getLogger(FunctionResponseWriter.class);

    private final ChannelHandlerContext ctx;
    private final Exchange ex;
    private final BodyStreamReader stream;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long declared = -1;
    private long written;

    private FunctionResponseWriter(ChannelHandlerContext ctx, Exchange ex, BodyStreamReader stream) {
        this.ctx = ctx;
        this.ex = ex;
        this.stream = stream;
    }

    /** Builds the head; throws IllegalArgumentException when the app's status or headers are not valid HTTP. */
    static HttpResponse head(InvokeResponse response, Exchange ex, boolean full) {
        if (response.status() < 200 || response.status() > 599) {
            throw new IllegalArgumentException("status " + response.status());
        }
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
        HttpResponse head = full
                ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body(response)))
                : new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpHeaders headers = head.headers();
        if (response.headers() != null) {
            for (HttpHeader header : response.headers()) {
                String name = header.name() == null ? "" : header.name().toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(name) && !name.equals("x-request-id")) {
                    headers.add(header.name(), header.value() == null ? "" : header.value());
                }
            }
        }
        headers.set("X-Request-Id", ex.requestId())
                .set(FaztHeaders.TRACEPARENT, ex.trace().header());
        return head;
    }

    /** The app's declared Content-Length, or -1. */
    static long declaredLength(InvokeResponse response) {
        if (response.headers() != null) {
            for (HttpHeader header : response.headers()) {
                if ("content-length".equalsIgnoreCase(header.name())) {
                    try {
                        return Long.parseLong(header.value().trim());
                    } catch (RuntimeException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    private static byte[] body(InvokeResponse response) {
        return response.body() == null ? new byte[0] : response.body();
    }

    /**
     * Writes {@code response}; {@code stream} reads its body stream (null when the body is all inline). Completes when
     * the response is written whole, the client left, or the stream broke.
     */
    static CompletableFuture<Void> write(
            ChannelHandlerContext ctx, Exchange ex, InvokeResponse response, BodyStreamReader stream) {
        long declared = declaredLength(response);
        if (stream == null || ex.head()) {
            DefaultFullHttpResponse full = (DefaultFullHttpResponse) head(response, ex, true);
            long length = ex.head() && declared >= 0 ? declared : body(response).length;
            full.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
            EdgeResponses.send(ctx, full, ex.keepAlive(), ex.head());
            return CompletableFuture.completedFuture(null);
        }
        FunctionResponseWriter writer = new FunctionResponseWriter(ctx, ex, stream);
        HttpResponse head = head(response, ex, false);
        if (declared >= 0) {
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, declared);
            writer.declared = declared;
        } else {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        HttpUtil.setKeepAlive(head, ex.keepAlive());
        ctx.write(head);
        byte[] first = body(response);
        ChannelFuture wrote = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(first)));
        writer.written = first.length;
        CompletableFuture<Chunk> next = stream.pull();
        wrote.addListener(w -> writer.after(w.isSuccess(), next));
        ctx.channel().closeFuture().addListener(closed -> ctx.executor().execute(writer::clientLeft));
        return writer.done;
    }

    /** The connection (or HTTP/2 stream) closed: if the body is not all written, the runtime need not make the rest. */
    private void clientLeft() {
        if (!done.isDone()) {
            stream.cancel();
            done.complete(null);
        }
    }

    private void after(boolean wroteOk, CompletableFuture<Chunk> next) {
        if (!wroteOk) {
            stream.cancel();
            ctx.channel().close();
            done.complete(null);
            return;
        }
        next.whenComplete((chunk, failure) -> ctx.executor().execute(() -> onChunk(chunk, failure)));
    }

    private void onChunk(Chunk chunk, Throwable failure) {
        if (!ctx.channel().isActive()) {
            clientLeft(); // the client left: pull no more, and the runtime drops the stream now
            return;
        }
        if (failure != null) {
            log.warn(
                    "function response stream broken, closing requestId={} written={} cause={}",
                    ex.requestId(),
                    written,
                    failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage());
            ctx.channel().close();
            done.complete(null);
            return;
        }
        written += chunk.data().length;
        ChannelFuture wrote = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.data())));
        if (chunk.last()) {
            ChannelFuture end = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!ex.keepAlive() || (declared >= 0 && declared != written)) {
                // a declared length the body did not match leaves the client unable to frame the next response
                end.addListener(ChannelFutureListener.CLOSE);
            }
            done.complete(null);
            return;
        }
        CompletableFuture<Chunk> following = stream.pull(); // pull ahead while this chunk goes out
        wrote.addListener(w -> after(w.isSuccess(), following));
    }
}
