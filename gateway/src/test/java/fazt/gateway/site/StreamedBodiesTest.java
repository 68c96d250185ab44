package fazt.gateway.site;

import static fazt.gateway.site.ResponderHarness.random;
import static fazt.gateway.site.ResponderHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.gateway.site.ResponderHarness.Reply;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Large files streamed chunk by chunk with backpressure, shared reads, and storage failures before and during a stream. */
class StreamedBodiesTest {
    private final ResponderHarness harness = new ResponderHarness();
    private final InMemoryBlobSource blobs = harness.blobs;

    @Test
    void largeFileShouldStreamInChunksWithTheRightBytes() {
        byte[] content = random(10 * 1024 * 1024 + 123, 10);
        ServedFile file = blobs.add("/movie.webm", content);
        Reply reply = harness.get(file);
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(reply.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(content.length));
        assertThat(reply.body()).isEqualTo(content);
        assertThat(reply.ended()).isTrue();
        assertThat(reply.chunks()).isEqualTo(21);
        assertThat(blobs.reads).hasSize(21).allMatch(read -> read.length() <= BlobSource.MAX_READ);
        assertThat(harness.cache.entryCount()).isZero();
    }

    @Test
    void largeCompressibleFileAboveTheCompressionLimitShouldStreamAsIs() {
        byte[] content = text(9 * 1024 * 1024);
        ServedFile file = blobs.add("/big.txt", content);
        Reply reply = harness.get(file, "Accept-Encoding", "br, gzip");
        assertThat(reply.headers().contains(HttpHeaderNames.CONTENT_ENCODING)).isFalse();
        assertThat(reply.headers().contains(HttpHeaderNames.VARY)).isFalse();
        assertThat(reply.body()).isEqualTo(content);
    }

    @Test
    void streamShouldWaitForEachWriteBeforeTheNext() {
        byte[] content = random(5 * 1024 * 1024, 12);
        ServedFile file = blobs.add("/movie.mp4", content);
        ResponderHarness.SlowClient slow = new ResponderHarness.SlowClient();
        EmbeddedChannel channel = new EmbeddedChannel(slow);
        ResponderHarness.Call call = harness.send(channel, HttpMethod.GET, file, HttpResponseStatus.OK, Map.of(), true);
        assertThat(slow.held()).isEqualTo(2); // the headers and the first chunk, not yet written out
        assertThat(blobs.readCount()).isEqualTo(2); // the first chunk and one read ahead: no more
        slow.releaseAll();
        Reply reply = call.reply();
        assertThat(reply.body()).isEqualTo(content);
        assertThat(blobs.readCount()).isEqualTo(10);
    }

    @Test
    void concurrentRequestsShouldShareOneRead() {
        ServedFile file = blobs.add("/app.css", text(3000));
        blobs.deferred = true;
        ResponderHarness.Call one = harness.send(HttpMethod.GET, file, HttpResponseStatus.OK, Map.of(), true);
        ResponderHarness.Call two = harness.send(HttpMethod.GET, file, HttpResponseStatus.OK, Map.of(), true);
        assertThat(blobs.pendingCount()).isEqualTo(1);
        blobs.completePending();
        assertThat(one.reply().body()).isEqualTo(two.reply().body()).hasSize(3000);
    }

    @Test
    void storageFailureBeforeHeadersShouldAnswer502Problem() throws IOException {
        ServedFile file = blobs.add("/photo.jpg", random(3000, 13));
        blobs.failFrom = 0;
        Reply reply = harness.get(file, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.BAD_GATEWAY);
        assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        JsonNode problem = new ObjectMapper().readTree(reply.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/storage-unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(502);
        assertThat(problem.get("instance").asText()).isEqualTo("/photo.jpg");
        assertThat(problem.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(reply.open()).isTrue();
    }

    @Test
    void storageFailureAtTheStartOfAStreamShouldStillAnswer502() {
        ServedFile file = blobs.add("/movie.mp4", random(5 * 1024 * 1024, 14));
        blobs.failFrom = 0;
        assertThat(harness.get(file).status()).isEqualTo(HttpResponseStatus.BAD_GATEWAY);
    }

    @Test
    void storageFailureMidStreamShouldCloseTheConnection() {
        byte[] content = random(5 * 1024 * 1024, 15);
        ServedFile file = blobs.add("/movie.mp4", content);
        blobs.failFrom = 2L * BlobSource.MAX_READ;
        Reply reply = harness.get(file);
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(reply.body()).hasSize(2 * BlobSource.MAX_READ);
        assertThat(reply.ended()).isFalse();
        assertThat(reply.open()).isFalse();
    }
}
