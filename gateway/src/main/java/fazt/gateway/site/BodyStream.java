package fazt.gateway.site;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One response body too large to hold, written chunk by chunk as it is read. At most two chunks are in memory: the
 * one being written and the next, read while the first goes out. The next chunk is written only when the previous
 * write has completed, so a slow client slows the reads instead of filling the heap. The headers wait for the first
 * chunk, so a storage failure at the start still becomes a clean 502; a failure later can only close the connection,
 * since the client was promised a {@code Content-Length} it will not get.
 *
 * <p>Every step runs on the channel's event loop; reads complete elsewhere and hop back.
 */
final class BodyStream {
    private static final Logger log = LoggerFactory.getLogger(BodyStream.class);

    private final ChannelHandlerContext ctx;
    private final BodyLoader loader;
    private final String digest;
    private final long end;
    private final HttpResponse head;
    private final boolean keepAlive;
    private final Consumer<Throwable> failedBeforeHeaders;
    private long next;
    private boolean headersSent;

    private BodyStream(
            ChannelHandlerContext ctx,
            BodyLoader loader,
            String digest,
            long first,
            long length,
            HttpResponse head,
            boolean keepAlive,
            Consumer<Throwable> failedBeforeHeaders) {
        this.ctx = ctx;
        this.loader = loader;
        this.digest = digest;
        this.next = first;
        this.end = first + length;
        this.head = head;
        this.keepAlive = keepAlive;
        this.failedBeforeHeaders = failedBeforeHeaders;
    }

    /**
     * Writes {@code head}, then bytes {@code first} to {@code first + length} of the blob, then the end of the
     * message; closes the connection after it unless {@code keepAlive}. {@code length} must be positive.
     */
    static void start(
            ChannelHandlerContext ctx,
            BodyLoader loader,
            String digest,
            long first,
            long length,
            HttpResponse head,
            boolean keepAlive,
            Consumer<Throwable> failedBeforeHeaders) {
        BodyStream stream = new BodyStream(ctx, loader, digest, first, length, head, keepAlive, failedBeforeHeaders);
        stream.await(stream.readNext());
    }

    private CompletableFuture<byte[]> readNext() {
        int size = (int) Math.min(BlobSource.MAX_READ, end - next);
        CompletableFuture<byte[]> read = loader.read(digest, next, size);
        next += size;
        return read;
    }

    private void await(CompletableFuture<byte[]> read) {
        read.whenComplete((chunk, failure) -> {
            if (ctx.executor().inEventLoop()) {
                onChunk(chunk, failure);
            } else {
                ctx.executor().execute(() -> onChunk(chunk, failure));
            }
        });
    }

    private void onChunk(byte[] chunk, Throwable failure) {
        if (failure != null) {
            if (!headersSent) {
                failedBeforeHeaders.accept(failure);
            } else {
                log.warn("site stream broken, closing digest={} offset={} cause={}", digest, next, failure.toString());
                ctx.channel().close();
            }
            return;
        }
        if (!ctx.channel().isActive()) {
            return; // the client left; stop reading
        }
        if (!headersSent) {
            ctx.write(head);
            headersSent = true;
        }
        boolean last = next >= end;
        ChannelFuture write = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
        if (last) {
            ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        CompletableFuture<byte[]> following = readNext(); // read ahead while this chunk goes out
        write.addListener(written -> {
            if (written.isSuccess()) {
                await(following);
            } else {
                ctx.channel().close(); // the write failed: the connection is gone or going
            }
        });
    }
}
