package fazt.gateway.site;

import static fazt.gateway.site.ResponderHarness.etag;
import static fazt.gateway.site.ResponderHarness.httpDate;
import static fazt.gateway.site.ResponderHarness.random;
import static fazt.gateway.site.ResponderHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.site.ResponderHarness.Reply;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content types, validators and conditional requests, caching policy, HEAD, connection handling and extra headers. */
class StaticResponderTest {
    private final ResponderHarness harness = new ResponderHarness();
    private final InMemoryBlobSource blobs = harness.blobs;

    @ParameterizedTest
    @CsvSource({
        "/index.html, text/html; charset=utf-8",
        "/assets/app.js, text/javascript; charset=utf-8",
        "/style.CSS, text/css; charset=utf-8",
        "/data.json, application/json",
        "/logo.svg, image/svg+xml",
        "/photo.jpeg, image/jpeg",
        "/font.woff2, font/woff2",
        "/app.wasm, application/wasm",
        "/site.webmanifest, application/manifest+json",
        "/LICENSE, application/octet-stream",
        "/archive.weird, application/octet-stream",
    })
    void contentTypeShouldFollowTheExtension(String path, String type) {
        Reply reply = harness.get(blobs.add(path, "x".getBytes(StandardCharsets.UTF_8)));
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(type);
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void getShouldSendTheBodyWithValidatorsAndLength() {
        ServedFile file = blobs.add("/robots.txt", "User-agent: *\n".getBytes(StandardCharsets.UTF_8));
        Reply reply = harness.get(file);
        assertThat(reply.text()).isEqualTo("User-agent: *\n");
        assertThat(reply.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("14");
        assertThat(reply.header(HttpHeaderNames.ETAG)).isEqualTo(etag(file)).hasSize(34);
        assertThat(reply.header(HttpHeaderNames.LAST_MODIFIED)).isEqualTo("Sun, 01 Mar 2026 12:00:00 GMT");
        assertThat(reply.header(HttpHeaderNames.ACCEPT_RANGES)).isEqualTo("bytes");
        assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("public, max-age=300");
        assertThat(reply.header(HttpHeaderNames.DATE)).isNotNull();
        assertThat(reply.headers().contains(HttpHeaderNames.VARY)).isFalse(); // too small to compress
        assertThat(reply.open()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{etag}                          | 304",
                "\"other\", {etag}               | 304",
                "W/{etag}                        | 304",
                "*                               | 304",
                "\"other\"                       | 200",
                "W/\"other\", \"more\"           | 200",
            })
    void ifNoneMatchShouldAnswer304OnAWeakMatch(String field, int status) {
        ServedFile file = blobs.add("/a.png", random(2000, 1));
        Reply reply = harness.get(file, "If-None-Match", field.replace("{etag}", etag(file)));
        assertThat(reply.status().code()).isEqualTo(status);
        if (status == 304) {
            assertThat(reply.body()).isEmpty();
            assertThat(reply.header(HttpHeaderNames.ETAG)).isEqualTo(etag(file));
            assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("public, max-age=300");
            assertThat(reply.headers().contains(HttpHeaderNames.CONTENT_TYPE)).isFalse();
            assertThat(reply.headers().contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
            assertThat(blobs.readCount()).isZero();
        }
    }

    @Test
    void ifModifiedSinceShouldCountOnlyWithoutIfNoneMatch() {
        ServedFile file = blobs.add("/a.png", random(2000, 2));
        String deployed = httpDate(InMemoryBlobSource.DEPLOYED);
        String before = httpDate(InMemoryBlobSource.DEPLOYED.minusSeconds(1));
        assertThat(harness.get(file, "If-Modified-Since", deployed).status())
                .isEqualTo(HttpResponseStatus.NOT_MODIFIED);
        assertThat(harness.get(file, "If-Modified-Since", before).status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(harness.get(file, "If-Modified-Since", "yesterday").status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(harness.get(file, "If-None-Match", "\"old\"", "If-Modified-Since", deployed)
                        .status())
                .isEqualTo(HttpResponseStatus.OK);
    }

    @Test
    void ifMatchAndIfUnmodifiedSinceShouldAnswer412WhenFalse() {
        ServedFile file = blobs.add("/a.png", random(2000, 3));
        assertThat(harness.get(file, "If-Match", "\"other\"").status())
                .isEqualTo(HttpResponseStatus.PRECONDITION_FAILED);
        assertThat(harness.get(file, "If-Match", "W/" + etag(file)).status())
                .isEqualTo(HttpResponseStatus.PRECONDITION_FAILED); // If-Match compares strongly
        assertThat(harness.get(file, "If-Match", etag(file)).status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(harness.get(file, "If-Unmodified-Since", httpDate(InMemoryBlobSource.DEPLOYED.minusSeconds(60)))
                        .status())
                .isEqualTo(HttpResponseStatus.PRECONDITION_FAILED);
    }

    @Test
    void notFoundPageShouldNotBeConditionalNorCached() {
        ServedFile page = blobs.add("/404.html", "<h1>Not here</h1>".getBytes(StandardCharsets.UTF_8));
        Reply reply = harness.send(
                        HttpMethod.GET,
                        page,
                        HttpResponseStatus.NOT_FOUND,
                        Map.of(),
                        true,
                        "If-None-Match",
                        "*",
                        "Range",
                        "bytes=0-3")
                .reply();
        assertThat(reply.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(reply.text()).isEqualTo("<h1>Not here</h1>");
        assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        assertThat(reply.headers().contains(HttpHeaderNames.ETAG)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "/index.html,                  no-cache",
        "/assets/app.3f9a2c1b.js,      'public, max-age=31536000, immutable'",
        "/assets/index-BdK3x9Zq.css,   'public, max-age=31536000, immutable'",
        "/img/logo.png,                'public, max-age=300'",
    })
    void cacheControlShouldFollowTheKindOfFile(String path, String cacheControl) {
        assertThat(harness.get(blobs.add(path, "x".getBytes(StandardCharsets.UTF_8)))
                        .header(HttpHeaderNames.CACHE_CONTROL))
                .isEqualTo(cacheControl);
    }

    @Test
    void headShouldSendTheHeadersOfGetWithoutBodyOrReads() {
        ServedFile file = blobs.add("/photo.jpg", random(3000, 9));
        Reply head = harness.head(file);
        Reply get = harness.get(file);
        assertThat(head.body()).isEmpty();
        assertThat(head.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("3000");
        assertThat(head.header(HttpHeaderNames.ETAG)).isEqualTo(get.header(HttpHeaderNames.ETAG));
        assertThat(head.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(get.header(HttpHeaderNames.CONTENT_TYPE));
        assertThat(blobs.reads).hasSize(1); // the GET's
    }

    @Test
    void connectionShouldCloseAfterTheResponseUnlessKeptAlive() {
        ServedFile small = blobs.add("/a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        Reply closed = harness.send(HttpMethod.GET, small, HttpResponseStatus.OK, Map.of(), false)
                .reply();
        assertThat(closed.header(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(closed.open()).isFalse();
        ServedFile large = blobs.add("/movie.mp4", random(5 * 1024 * 1024, 16));
        Reply streamed = harness.send(HttpMethod.GET, large, HttpResponseStatus.OK, Map.of(), false)
                .reply();
        assertThat(streamed.ended()).isTrue();
        assertThat(streamed.open()).isFalse();
    }

    @Test
    void extraHeadersShouldReplaceComputedOnesButNotFraming() {
        ServedFile file = blobs.add("/app.js", text(3000));
        Reply reply = harness.send(
                        HttpMethod.GET,
                        file,
                        HttpResponseStatus.OK,
                        Map.of(
                                "Cache-Control",
                                "no-store",
                                "Content-Security-Policy",
                                "default-src 'self'",
                                "Content-Length",
                                "1",
                                "ETag",
                                "\"mine\"",
                                "Vary",
                                "Cookie",
                                "X-Bad",
                                "a\r\nSet-Cookie: x"),
                        true,
                        "Accept-Encoding",
                        "gzip")
                .reply();
        assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(reply.header("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(reply.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(reply.body().length));
        assertThat(reply.header(HttpHeaderNames.ETAG)).endsWith("-gz\"");
        assertThat(reply.header(HttpHeaderNames.VARY)).isEqualTo("Accept-Encoding, Cookie");
        assertThat(reply.headers().contains("X-Bad")).isFalse();
    }
}
