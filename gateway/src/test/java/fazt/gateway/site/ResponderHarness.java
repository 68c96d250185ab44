package fazt.gateway.site;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A {@link StaticResponder} on an {@link EmbeddedChannel}, as the edge will call it: a handler that answers every
 * request with one file. Responses are read back as status, headers and body bytes.
 */
final class ResponderHarness {
    final InMemoryBlobSource blobs = new InMemoryBlobSource();
    final BodyCache cache;
    final StaticResponder responder;

    /** {@code size} bytes of compressible JavaScript-like text. */
    static byte[] text(int size) {
        StringBuilder text = new StringBuilder();
        int line = 0;
        while (text.length() < size) {
            text.append("export function item").append(line++).append("() { return 'static files, served fast'; }\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code size} incompressible bytes, the same for the same seed. */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The strong ETag the responder sends for {@code file}'s identity body. */
    static String etag(ServedFile file) {
        return '"' + file.digest().substring(0, 32) + '"';
    }

    static String httpDate(Instant instant) {
        return DateFormatter.format(Date.from(instant));
    }

    ResponderHarness() {
        this(new BodyCache(64L * 1024 * 1024), SiteLimits.DEFAULTS);
    }

    ResponderHarness(BodyCache cache, SiteLimits limits) {
        this.cache = cache;
        // Compression runs inline: tests see the finished response without waiting on a pool.
        this.responder = new StaticResponder(blobs, cache, limits, Runnable::run);
    }

    /** What the client received. {@code chunks}: body writes, for streamed responses. */
    record Reply(HttpResponseStatus status, HttpHeaders headers, byte[] body, int chunks, boolean ended, boolean open) {
        String header(CharSequence name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One request being served, for scenarios that need to act while it is under way. */
    final class Call {
        final EmbeddedChannel channel;

        Call(EmbeddedChannel channel) {
            this.channel = channel;
        }

        Reply reply() {
            channel.runPendingTasks();
            HttpResponse response = null;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int chunks = 0;
            boolean ended = false;
            Object out;
            while ((out = channel.readOutbound()) != null) {
                try {
                    if (out instanceof HttpResponse r) {
                        response = r;
                    }
                    if (out instanceof HttpContent content) {
                        ByteBuf buf = content.content();
                        if (buf.isReadable()) {
                            chunks++;
                        }
                        byte[] bytes = new byte[buf.readableBytes()];
                        buf.getBytes(buf.readerIndex(), bytes);
                        body.writeBytes(bytes);
                        ended |= out instanceof LastHttpContent;
                    }
                } finally {
                    ReferenceCountUtil.release(out);
                }
            }
            if (response == null) {
                throw new AssertionError("no response written");
            }
            return new Reply(
                    response.status(), response.headers(), body.toByteArray(), chunks, ended, channel.isOpen());
        }
    }

    Reply get(ServedFile file, String... headers) {
        return send(HttpMethod.GET, file, HttpResponseStatus.OK, Map.of(), true, headers)
                .reply();
    }

    Reply head(ServedFile file, String... headers) {
        return send(HttpMethod.HEAD, file, HttpResponseStatus.OK, Map.of(), true, headers)
                .reply();
    }

    /** {@code headers}: name, value, name, value... */
    Call send(
            HttpMethod method,
            ServedFile file,
            HttpResponseStatus status,
            Map<String, String> extra,
            boolean keepAlive,
            String... headers) {
        return send(new EmbeddedChannel(), method, file, status, extra, keepAlive, headers);
    }

    Call send(
            EmbeddedChannel channel,
            HttpMethod method,
            ServedFile file,
            HttpResponseStatus status,
            Map<String, String> extra,
            boolean keepAlive,
            String... headers) {
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    responder.respond(ctx, (FullHttpRequest) msg, file, status, extra, keepAlive);
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        });
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, file.path() + "?v=1");
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        channel.writeInbound(request);
        return new Call(channel);
    }

    /** Holds every write until released, as a client that reads slowly does: write futures stay incomplete. */
    static final class SlowClient extends ChannelOutboundHandlerAdapter {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            held.add(() -> ctx.writeAndFlush(msg, promise));
        }

        int held() {
            return held.size();
        }

        void releaseAll() {
            while (!held.isEmpty()) {
                List<Runnable> now = new ArrayList<>(held);
                held.clear();
                now.forEach(Runnable::run);
            }
        }
    }
}
