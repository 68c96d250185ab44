package fazt.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.bodystream.Chunk;
import fazt.platform.nats.ProblemException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The request body's pacing on a Netty channel: reads only while a chunk is wanted, whole chunks, the limit. */
class RequestBodyTest {
    private final ChannelInboundHandlerAdapter anchor = new ChannelInboundHandlerAdapter();
    private final EmbeddedChannel channel = new EmbeddedChannel(anchor);
    private final ChannelHandlerContext ctx = channel.pipeline().context(anchor);

    private static DefaultHttpContent piece(int size) {
        return new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[size]));
    }

    private Chunk pull(RequestBody body, int size) throws Exception {
        CompletableFuture<Chunk> next = body.next(size);
        channel.runPendingTasks();
        return next.getNow(null);
    }

    @Test
    void theSocketIsReadOnlyWhileAChunkIsWantedAndChunksAreWhole() throws Exception {
        RequestBody body = new RequestBody(ctx, 10_000_000, false);
        body.offer(piece(100_000));
        assertThat(channel.config().isAutoRead()).isFalse(); // nobody asked yet: stop reading
        body.offer(piece(100_000));
        CompletableFuture<Chunk> wanted = body.next(150_000);
        channel.runPendingTasks();
        assertThat(wanted.get().data()).hasSize(150_000);
        assertThat(wanted.get().last()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();
        CompletableFuture<Chunk> rest = body.next(150_000);
        channel.runPendingTasks();
        assertThat(rest).isNotDone(); // 50 000 buffered: read on for more
        assertThat(channel.config().isAutoRead()).isTrue();
        body.offer(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[10])));
        assertThat(rest.get().data()).hasSize(50_010);
        assertThat(rest.get().last()).isTrue();
        assertThat(body.complete()).isTrue();
        Chunk after = pull(body, 10);
        assertThat(after.data()).isEmpty();
        assertThat(after.last()).isTrue();
    }

    @Test
    void aBodyPastTheLimitFailsTheWantedChunkWithA413() {
        RequestBody body = new RequestBody(ctx, 1000, false);
        CompletableFuture<Chunk> wanted = body.next(4096);
        channel.runPendingTasks();
        body.offer(piece(600));
        assertThat(body.tooLarge()).isNotDone();
        body.offer(piece(600));
        assertThat(body.tooLarge()).isDone();
        ExecutionException failure = Assertions.assertThrows(ExecutionException.class, wanted::get);
        assertThat(((ProblemException) failure.getCause()).problem().status()).isEqualTo(413);
    }

    @Test
    void aClosedBodyDropsWhatArrivesAndReadsOn() {
        RequestBody body = new RequestBody(ctx, 10_000, false);
        body.close();
        DefaultHttpContent late = piece(10);
        ByteBuf bytes = late.content();
        body.offer(late);
        assertThat(bytes.refCnt()).isZero();
        assertThat(channel.config().isAutoRead()).isTrue();
        CompletableFuture<Chunk> after = body.next(10);
        channel.runPendingTasks();
        assertThat(after).isCompletedExceptionally();
    }

    @Test
    void anExpectedContinueIsSentWithTheFirstDemand() {
        RequestBody body = new RequestBody(ctx, 10_000, true);
        assertThat((Object) channel.readOutbound()).isNull();
        body.next(10);
        channel.runPendingTasks();
        FullHttpResponse continued = channel.readOutbound();
        assertThat(continued.status().code()).isEqualTo(100);
        body.next(10);
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
