package fazt.gateway.admin;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.edge.intake.BodyPolicy;
import fazt.gateway.edge.intake.RoutedHead;
import fazt.platform.blobs.BlobUpload;
import fazt.platform.nats.NatsRequester;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.Principal;
import fazt.proto.problem.Problem;
import fazt.proto.storage.StorageSubjects;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bodies of authenticated admin API calls (a {@link RoutedHead} of mode {@link BodyPolicy.Mode#ADMIN} from
 * the intake): the caller is authenticated before a byte of the body is read (a bad token never uploads or buffers
 * anything), then a small text body is kept inline ({@link AdminBodies}) and anything binary or larger (a 100 MB
 * bundle) goes to storage in chunks, reading from the socket only as fast as storage acknowledges (auto-read is off
 * while a chunk is in flight). The edge handler then receives a {@link StreamedAdminRequest} with the inline body or
 * the stored blob. Other messages pass through untouched. One instance per connection.
 */
public final class AdminUploadStreamer extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AdminUploadStreamer.class);

    private final AdminForwarder admin;
    private final NatsRequester nats;

    private Exchange exchange;
    private Principal principal;
    private BlobUpload upload;
    private boolean inline;
    private long maxBytes;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean sending;
    private boolean lastSeen;
    private boolean failed;
    private long received;

    public AdminUploadStreamer(AdminForwarder admin, NatsRequester nats) {
        this.admin = admin;
        this.nats = nats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RoutedHead head && head.policy().mode() == BodyPolicy.Mode.ADMIN) {
            start(ctx, head.exchange(), head.policy().limit());
            return;
        }
        if (exchange != null && msg instanceof HttpContent) {
            if (failed) {
                ReferenceCountUtil.release(msg);
                return;
            }
            pending.add(msg);
            drain(ctx);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void start(ChannelHandlerContext ctx, Exchange ex, long uploadLimit) {
        exchange = ex;
        HttpRequest request = ex.request();
        long declared = HttpUtil.getContentLength(request, -1L);
        inline = AdminBodies.inline(request.headers().get(HttpHeaderNames.CONTENT_TYPE), declared);
        maxBytes = inline ? AdminSubjects.MAX_INLINE_BODY : uploadLimit;
        if (declared > uploadLimit) {
            reject(
                    ctx,
                    413,
                    "gateway/body-too-large",
                    "Body too large",
                    "The body is larger than " + uploadLimit / (1024 * 1024) + " MB.");
            return;
        }
        ctx.channel().config().setAutoRead(false);
        boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
        admin.authenticate(ctx, exchange)
                .whenComplete((who, failure) -> ctx.executor().execute(() -> {
                    if (failure != null || who.isEmpty()) {
                        // The 401 is already on its way (queued before this task); the unread body makes the connection
                        // useless, so close it after that response.
                        failed = true;
                        drop(ctx);
                        ctx.close();
                        return;
                    }
                    principal = who.get();
                    upload = inline ? null : new BlobUpload(nats);
                    if (expectsContinue) {
                        ctx.writeAndFlush(
                                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
                    }
                    ctx.channel().config().setAutoRead(true);
                    drain(ctx);
                }));
    }

    /** Moves pending content into the buffer and sends full chunks, one at a time. Runs on the event loop. */
    private void drain(ChannelHandlerContext ctx) {
        if (principal == null || sending || failed) {
            return;
        }
        if (inline) {
            drainInline(ctx);
            return;
        }
        while (!pending.isEmpty() && buffer.size() < StorageSubjects.CHUNK_SIZE) {
            HttpContent content = (HttpContent) pending.poll();
            try {
                ByteBuf bytes = content.content();
                received += bytes.readableBytes();
                byte[] copy = new byte[bytes.readableBytes()];
                bytes.readBytes(copy);
                buffer.writeBytes(copy);
                lastSeen |= content instanceof LastHttpContent;
            } finally {
                content.release();
            }
        }
        if (received > maxBytes) {
            reject(
                    ctx,
                    413,
                    "gateway/body-too-large",
                    "Body too large",
                    "The body is larger than " + maxBytes / (1024 * 1024) + " MB.");
            return;
        }
        boolean full = buffer.size() >= StorageSubjects.CHUNK_SIZE;
        if (!full && !lastSeen) {
            return;
        }
        byte[] all = buffer.toByteArray();
        int take = Math.min(all.length, StorageSubjects.CHUNK_SIZE);
        byte[] chunk = Arrays.copyOf(all, take);
        buffer.reset();
        buffer.write(all, take, all.length - take);
        boolean last = lastSeen && pending.isEmpty() && buffer.size() == 0;
        sending = true;
        ctx.channel().config().setAutoRead(false);
        upload.send(chunk, last)
                .whenComplete((written, failure) -> ctx.executor().execute(() -> {
                    sending = false;
                    if (failure != null) {
                        log.warn(
                                "admin upload to storage failed reason={}",
                                failure.getClass().getSimpleName());
                        failed = true;
                        drop(ctx);
                        EdgeResponses.send(
                                ctx,
                                EdgeResponses.upstreamFailure(failure, "storage", exchange, log),
                                false,
                                exchange.head());
                        return;
                    }
                    if (last) {
                        BodyBlob blob = new BodyBlob(written.digest(), written.size());
                        Exchange done = exchange;
                        Principal who = principal;
                        reset();
                        ctx.channel().config().setAutoRead(true);
                        ctx.fireChannelRead(new StreamedAdminRequest(done, who, null, blob));
                        return;
                    }
                    ctx.channel().config().setAutoRead(true);
                    ctx.read();
                    drain(ctx);
                }));
    }

    /** Keeps a small text body whole, then passes the call on. Event loop. */
    private void drainInline(ChannelHandlerContext ctx) {
        while (!pending.isEmpty()) {
            HttpContent content = (HttpContent) pending.poll();
            try {
                ByteBuf bytes = content.content();
                received += bytes.readableBytes();
                if (received <= maxBytes) {
                    bytes.readBytes(buffer, bytes.readableBytes());
                }
                lastSeen |= content instanceof LastHttpContent;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                content.release();
            }
        }
        if (received > maxBytes) {
            reject(
                    ctx,
                    413,
                    "gateway/body-too-large",
                    "Body too large",
                    "A text body is carried inline up to " + maxBytes / 1024 + " KiB; send it as a file.");
            return;
        }
        if (lastSeen) {
            String body = buffer.toString(StandardCharsets.UTF_8);
            Exchange done = exchange;
            Principal who = principal;
            reset();
            ctx.fireChannelRead(new StreamedAdminRequest(done, who, body.isEmpty() ? null : body, null));
        }
    }

    private void reject(ChannelHandlerContext ctx, int status, String kind, String title, String detail) {
        failed = true;
        drop(ctx);
        EdgeResponses.send(
                ctx, EdgeResponses.problem(Problem.of(status, kind, title, detail), exchange), false, exchange.head());
    }

    /** Releases what is buffered; the connection closes after the error response, so the rest of the body is moot. */
    private void drop(ChannelHandlerContext ctx) {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        buffer.reset();
        ctx.channel().config().setAutoRead(true);
    }

    private void reset() {
        exchange = null;
        inline = false;
        principal = null;
        upload = null;
        lastSeen = false;
        failed = false;
        received = 0;
        buffer.reset();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        super.channelInactive(ctx);
    }
}
