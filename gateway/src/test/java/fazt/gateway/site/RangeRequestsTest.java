package fazt.gateway.site;

import static fazt.gateway.site.ResponderHarness.etag;
import static fazt.gateway.site.ResponderHarness.httpDate;
import static fazt.gateway.site.ResponderHarness.random;
import static fazt.gateway.site.ResponderHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.site.ResponderHarness.Reply;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Range requests (RFC 9110 §14): 206, 416, several ranges, If-Range, and never compressed. */
class RangeRequestsTest {
    private final ResponderHarness harness = new ResponderHarness();
    private final InMemoryBlobSource blobs = harness.blobs;

    @ParameterizedTest
    @CsvSource({
        "bytes=0-9,     0, 9",
        "bytes=990-,    990, 999",
        "bytes=-5,      995, 999",
        "bytes=995-2000, 995, 999",
    })
    void rangeShouldAnswer206WithThePart(String range, int first, int last) {
        byte[] content = random(1000, 4);
        ServedFile file = blobs.add("/video.mp4", content);
        Reply reply = harness.get(file, "Range", range);
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.PARTIAL_CONTENT);
        assertThat(reply.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes " + first + "-" + last + "/1000");
        assertThat(reply.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(last - first + 1));
        assertThat(reply.body()).isEqualTo(Arrays.copyOfRange(content, first, last + 1));
    }

    @Test
    void unsatisfiableRangeShouldAnswer416() {
        ServedFile file = blobs.add("/video.mp4", random(1000, 5));
        Reply reply = harness.get(file, "Range", "bytes=1000-");
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
        assertThat(reply.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes */1000");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void severalRangesOrOtherUnitsShouldAnswerTheWhole() {
        ServedFile file = blobs.add("/video.mp4", random(1000, 6));
        for (String range : new String[] {"bytes=0-1,5-9", "items=0-1", "bytes=9-1"}) {
            Reply reply = harness.get(file, "Range", range);
            assertThat(reply.status()).as(range).isEqualTo(HttpResponseStatus.OK);
            assertThat(reply.body()).hasSize(1000);
        }
    }

    @Test
    void ifRangeShouldHonourTheRangeOnlyForTheCurrentVersion() {
        ServedFile file = blobs.add("/video.mp4", random(1000, 7));
        assertThat(harness.get(file, "Range", "bytes=0-9", "If-Range", etag(file))
                        .status())
                .isEqualTo(HttpResponseStatus.PARTIAL_CONTENT);
        assertThat(harness.get(file, "Range", "bytes=0-9", "If-Range", httpDate(InMemoryBlobSource.DEPLOYED))
                        .status())
                .isEqualTo(HttpResponseStatus.PARTIAL_CONTENT);
        Reply stale = harness.get(file, "Range", "bytes=0-9", "If-Range", "\"old\"");
        assertThat(stale.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(stale.body()).hasSize(1000);
        assertThat(harness.get(file, "Range", "bytes=0-9", "If-Range", "W/" + etag(file))
                        .status())
                .isEqualTo(HttpResponseStatus.OK); // a weak validator never matches for If-Range
    }

    @Test
    void rangesShouldNeverBeCompressed() {
        byte[] content = text(5000);
        ServedFile file = blobs.add("/app.js", content);
        Reply reply = harness.get(file, "Range", "bytes=100-199", "Accept-Encoding", "br, gzip");
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.PARTIAL_CONTENT);
        assertThat(reply.headers().contains(HttpHeaderNames.CONTENT_ENCODING)).isFalse();
        assertThat(reply.header(HttpHeaderNames.ETAG)).isEqualTo(etag(file));
        assertThat(reply.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));
    }

    @Test
    void headWithRangeShouldAnswerTheWholeHeaders() {
        ServedFile file = blobs.add("/video.mp4", random(1000, 8));
        Reply reply = harness.head(file, "Range", "bytes=0-9");
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(reply.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("1000");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void rangeOfALargeFileShouldReadOnlyThatRange() {
        byte[] content = random(6 * 1024 * 1024, 11);
        ServedFile file = blobs.add("/movie.mp4", content);
        Reply reply = harness.get(file, "Range", "bytes=5000000-5999999");
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.PARTIAL_CONTENT);
        assertThat(reply.body()).isEqualTo(Arrays.copyOfRange(content, 5_000_000, 6_000_000));
        assertThat(blobs.reads.getFirst().offset()).isEqualTo(5_000_000);
        assertThat(blobs.reads).hasSize(2);
    }
}
