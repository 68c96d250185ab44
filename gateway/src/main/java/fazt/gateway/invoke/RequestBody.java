package fazt.gateway.invoke;

import fazt.platform.bodystream.Chunk;
import fazt.platform.bodystream.ChunkProducer;
import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CompletableFuture;

/**
 * The body of one function request as it arrives from the client, handed out chunk by chunk on demand: the socket is
 * read only while a chunk is wanted and not yet buffered (auto-read off otherwise), so a function that pulls slowly
 * slows the client's upload instead of filling the heap. At most one chunk plus one read is buffered. A body growing
 * past the limit fails with a 413 problem (and {@link #tooLarge()} completes). Closing it discards what is left of
 * the body as it arrives. State is touched only on the channel's event loop; {@link #next} hops there.
 */
public final class RequestBody implements ChunkProducer {
    /** How much of a refused body is read and dropped before the connection is closed anyway. */
    static final long LINGER_BYTES = 32L * 1024 * 1024;

    private final ChannelHandlerContext ctx;
    private final long maxBytes;
    private final boolean expectsContinue;
    private final CompositeByteBuf buffered;
    private final CompletableFuture<Void> tooLarge = new CompletableFuture<>();
    private long received;
    private boolean lastSeen;
    private boolean closed;
    private boolean continued;
    private boolean refused;
    private long discarded;
    private CompletableFuture<Chunk> demand;
    private int demandBytes;

    RequestBody(ChannelHandlerContext ctx, long maxBytes, boolean expectsContinue) {
        this.ctx = ctx;
        this.maxBytes = maxBytes;
        this.expectsContinue = expectsContinue;
        this.buffered = ctx.alloc().compositeBuffer();
    }

    /** A part of the body from the socket (event loop); the body takes ownership. */
    void offer(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (closed) {
            discarded += content.content().readableBytes();
            content.release();
            lastSeen |= last;
            if (refused && !lastSeen && discarded > LINGER_BYTES) {
                ctx.close(); // too much to read off for a refused request: give up on the connection
            }
            return;
        }
        ByteBuf bytes = content.content();
        received += bytes.readableBytes();
        buffered.addComponent(true, bytes.retain());
        content.release();
        lastSeen |= last;
        if (received > maxBytes) {
            tooLarge.complete(null); // first: the edge's 413 goes out before anything reacts to the failed chunk
            fail(new ProblemException(ApiRequestStreamer.tooLarge(maxBytes)));
            return;
        }
        serve();
    }

    /**
     * The request was refused and its answer is on its way: read the rest of the body off the socket and drop it, so
     * the client, still sending, reads the answer instead of a connection reset, and the connection can carry the
     * next request. Past {@link #LINGER_BYTES} more the connection is closed instead. Event loop.
     */
    void dropRest() {
        refused = true;
        discard();
    }

    /** True once the whole body arrived from the client (or was discarded). */
    boolean complete() {
        return lastSeen;
    }

    /** Completes when the body grew past the limit; the edge then answers 413. */
    CompletableFuture<Void> tooLarge() {
        return tooLarge;
    }

    /** The limit in bytes. */
    long maxBytes() {
        return maxBytes;
    }

    @Override
    public CompletableFuture<Chunk> next(int maxBytes) {
        CompletableFuture<Chunk> result = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            if (closed) {
                result.completeExceptionally(new ProblemException(Problem.of(
                        410,
                        "gateway/body-gone",
                        "Body gone",
                        "The client request is over; its body can no longer be read.")));
                return;
            }
            if (demand != null) {
                result.completeExceptionally(new IllegalStateException("a chunk is already wanted"));
                return;
            }
            if (expectsContinue && !continued) {
                continued = true;
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            demand = result;
            demandBytes = maxBytes;
            serve();
        });
        return result;
    }

    /** Completes the wanted chunk when enough arrived, else reads on. Event loop. */
    private void serve() {
        if (demand == null) {
            ctx.channel().config().setAutoRead(false);
            return;
        }
        if (buffered.readableBytes() < demandBytes && !lastSeen) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            return;
        }
        int n = Math.min(demandBytes, buffered.readableBytes());
        byte[] chunk = new byte[n];
        buffered.readBytes(chunk);
        buffered.discardReadComponents();
        boolean last = lastSeen && buffered.readableBytes() == 0;
        CompletableFuture<Chunk> wanted = demand;
        demand = null;
        ctx.channel().config().setAutoRead(false);
        wanted.complete(new Chunk(chunk, last));
    }

    private void fail(Throwable failure) {
        CompletableFuture<Chunk> wanted = demand;
        demand = null;
        discard();
        if (wanted != null) {
            wanted.completeExceptionally(failure);
        }
    }

    /** Drops the body: what is buffered now and whatever still arrives. Any thread. */
    @Override
    public void close() {
        if (ctx.executor().inEventLoop()) {
            fail(new ProblemException(Problem.of(
                    410,
                    "gateway/body-gone",
                    "Body gone",
                    "The client request is over; its body can no longer be read.")));
        } else {
            ctx.executor().execute(this::close);
        }
    }

    private void discard() {
        if (closed) {
            return;
        }
        closed = true;
        buffered.release();
        // Read the rest of the body off the socket (and drop it), so the connection can carry the next request.
        ctx.channel().config().setAutoRead(true);
        if (!lastSeen) {
            ctx.read();
        }
    }
}
