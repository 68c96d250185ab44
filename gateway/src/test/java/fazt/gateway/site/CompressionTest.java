package fazt.gateway.site;

import static fazt.gateway.site.ResponderHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import fazt.gateway.site.ResponderHarness.Reply;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Brotli and gzip negotiated per request, computed once per file and cached, with variant ETags. */
class CompressionTest {
    private final ResponderHarness harness = new ResponderHarness();
    private final InMemoryBlobSource blobs = harness.blobs;

    @Test
    void brotliShouldBePreferredAndDecodeToTheFile() throws IOException {
        byte[] content = text(50_000);
        ServedFile file = blobs.add("/app.js", content);
        Reply reply = harness.get(file, "Accept-Encoding", "gzip, deflate, br, zstd");
        assertThat(reply.header(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("br");
        assertThat(reply.header(HttpHeaderNames.ETAG))
                .isEqualTo('"' + file.digest().substring(0, 32) + "-br\"");
        assertThat(reply.header(HttpHeaderNames.VARY)).isEqualTo("Accept-Encoding");
        assertThat(reply.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(reply.body().length));
        assertThat(reply.body().length).isLessThan(content.length / 5);
        assertThat(Decoder.decompress(reply.body()).getDecompressedData()).isEqualTo(content);
    }

    @Test
    void gzipShouldServeClientsThatRefuseBrotli() throws IOException {
        byte[] content = text(50_000);
        ServedFile file = blobs.add("/data.json", content);
        Reply reply = harness.get(file, "Accept-Encoding", "br;q=0, gzip");
        assertThat(reply.header(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(reply.header(HttpHeaderNames.ETAG)).endsWith("-gz\"");
        try (var gunzip = new GZIPInputStream(new ByteArrayInputStream(reply.body()))) {
            assertThat(gunzip.readAllBytes()).isEqualTo(content);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gzip;q=0            | ",
                "identity            | ",
                "*;q=0               | ",
                "br;q=0.5, gzip;q=1  | gzip",
                "br;q=1, gzip;q=1    | br",
                "*                   | br",
                "GZIP                | gzip",
            })
    void acceptEncodingShouldBeRespected(String field, String expected) {
        ServedFile file = blobs.add("/style.css", text(4000));
        Reply reply = harness.get(file, "Accept-Encoding", field);
        assertThat(reply.header(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo(expected);
        assertThat(reply.header(HttpHeaderNames.VARY)).isEqualTo("Accept-Encoding");
    }

    @Test
    void compressedVariantShouldBeComputedOnceAndCached() {
        ServedFile file = blobs.add("/app.js", text(20_000));
        Reply first = harness.get(file, "Accept-Encoding", "br");
        int reads = blobs.readCount();
        Reply second = harness.get(file, "Accept-Encoding", "br");
        assertThat(blobs.readCount()).isEqualTo(reads).isEqualTo(1);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(harness.cache.get(file.digest(), ContentCoding.BROTLI)).isEqualTo(first.body());
        assertThat(harness.cache.get(file.digest(), ContentCoding.IDENTITY)).isNull(); // read only to compress
    }

    @Test
    void conditionalRequestShouldMatchTheVariantEtag() {
        ServedFile file = blobs.add("/app.js", text(20_000));
        String brTag = harness.get(file, "Accept-Encoding", "br").header(HttpHeaderNames.ETAG);
        assertThat(harness.get(file, "Accept-Encoding", "br", "If-None-Match", brTag)
                        .status())
                .isEqualTo(HttpResponseStatus.NOT_MODIFIED);
        assertThat(harness.get(file, "Accept-Encoding", "gzip", "If-None-Match", brTag)
                        .status())
                .isEqualTo(HttpResponseStatus.OK);
    }

    @Test
    void headOfACompressedVariantShouldGiveItsLength() {
        ServedFile file = blobs.add("/app.js", text(20_000));
        Reply head = harness.head(file, "Accept-Encoding", "gzip");
        Reply get = harness.get(file, "Accept-Encoding", "gzip");
        assertThat(head.body()).isEmpty();
        assertThat(head.header(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(head.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(get.body().length));
    }
}
