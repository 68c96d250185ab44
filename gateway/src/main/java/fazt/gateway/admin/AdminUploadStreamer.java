package fazt.gateway.admin;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.HostRouter;
import fazt.platform.blobs.BlobUpload;
import fazt.platform.nats.NatsRequester;
import fazt.proto.admin.BodyBlob;
import fazt.proto.auth.AdminSession;
import fazt.proto.auth.Principal;
import fazt.proto.problem.Problem;
import fazt.proto.storage.StorageSubjects;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams large or binary admin request bodies (a 100 MB bundle) into storage instead of buffering them: the caller
 * is authenticated first (a bad token never uploads a byte), then the body goes to storage in chunks, reading from the
 * socket only as fast as storage acknowledges (auto-read is off while a chunk is in flight). The edge handler then
 * receives a {@link StreamedAdminRequest} naming the stored blob. Other requests pass through untouched. One instance
 * per connection.
 */
public final class AdminUploadStreamer extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AdminUploadStreamer.class);

    private final HostRouter hosts;
    private final AdminForwarder admin;
    private final NatsRequester nats;
    private final long maxBytes;

    private Exchange exchange;
    private Principal principal;
    private BlobUpload upload;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean sending;
    private boolean lastSeen;
    private boolean failed;
    private long received;

    public AdminUploadStreamer(HostRouter hosts, AdminForwarder admin, NatsRequester nats, long maxBytes) {
        this.hosts = hosts;
        this.admin = admin;
        this.nats = nats;
        this.maxBytes = maxBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && exchange == null && streams(request)) {
            start(ctx, request);
            ReferenceCountUtil.release(msg);
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

    /** Admin API writes whose body is binary, or larger than what goes inline. */
    private boolean streams(HttpRequest request) {
        HttpMethod method = request.method();
        if (!(HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method))) {
            return false;
        }
        if (hosts.route(request.headers().get(HttpHeaderNames.HOST)).kind() != HostRoute.Kind.ADMIN) {
            return false;
        }
        int q = request.uri().indexOf('?');
        String path = q < 0 ? request.uri() : request.uri().substring(0, q);
        if (!AdminForwarder.isApi(path)) {
            return false;
        }
        // Public routes (login, signup, setup) never stream: nobody unauthenticated may write to storage.
        if (AdminSession.isPublic(method.name(), path.substring(AdminForwarder.API_PREFIX.length()))) {
            return false;
        }
        return !AdminBodies.inline(request.headers().get(HttpHeaderNames.CONTENT_TYPE),
                HttpUtil.getContentLength(request, -1L));
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        exchange = Exchange.of(request);
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > maxBytes) {
            reject(ctx, 413, "gateway/body-too-large", "Body too large",
                    "The body is larger than " + maxBytes / (1024 * 1024) + " MB.");
            return;
        }
        ctx.channel().config().setAutoRead(false);
        boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
        admin.authenticate(ctx, exchange).whenComplete((who, failure) -> ctx.executor().execute(() -> {
            if (failure != null || who.isEmpty()) {
                // The 401 is already on its way (queued before this task); the unread body makes the connection
                // useless, so close it after that response.
                failed = true;
                drop(ctx);
                ctx.close();
                return;
            }
            principal = who.get();
            upload = new BlobUpload(nats);
            if (expectsContinue) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            ctx.channel().config().setAutoRead(true);
            drain(ctx);
        }));
    }

    /** Moves pending content into the buffer and sends full chunks, one at a time. Runs on the event loop. */
    private void drain(ChannelHandlerContext ctx) {
        if (upload == null || sending || failed) {
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
            reject(ctx, 413, "gateway/body-too-large", "Body too large",
                    "The body is larger than " + maxBytes / (1024 * 1024) + " MB.");
            return;
        }
        boolean full = buffer.size() >= StorageSubjects.CHUNK_SIZE;
        if (!full && !lastSeen) {
            return;
        }
        byte[] all = buffer.toByteArray();
        int take = Math.min(all.length, StorageSubjects.CHUNK_SIZE);
        byte[] chunk = java.util.Arrays.copyOf(all, take);
        buffer.reset();
        buffer.write(all, take, all.length - take);
        boolean last = lastSeen && pending.isEmpty() && buffer.size() == 0;
        sending = true;
        ctx.channel().config().setAutoRead(false);
        upload.send(chunk, last).whenComplete((written, failure) -> ctx.executor().execute(() -> {
            sending = false;
            if (failure != null) {
                log.warn("admin upload to storage failed reason={}", failure.getClass().getSimpleName());
                failed = true;
                drop(ctx);
                EdgeResponses.send(ctx, EdgeResponses.upstreamFailure(failure, "storage", exchange, log), false,
                        exchange.head());
                return;
            }
            if (last) {
                BodyBlob blob = new BodyBlob(written.digest(), written.size());
                Exchange done = exchange;
                Principal who = principal;
                reset();
                ctx.channel().config().setAutoRead(true);
                ctx.fireChannelRead(new StreamedAdminRequest(done, who, blob));
                return;
            }
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            drain(ctx);
        }));
    }

    private void reject(ChannelHandlerContext ctx, int status, String kind, String title, String detail) {
        failed = true;
        drop(ctx);
        EdgeResponses.send(ctx, EdgeResponses.problem(Problem.of(status, kind, title, detail), exchange.path(),
                exchange.trace(), exchange.requestId()), false, exchange.head());
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
