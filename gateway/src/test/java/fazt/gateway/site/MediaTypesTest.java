package fazt.gateway.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/index.html       | text/html; charset=utf-8                | true",
                "/a/b/page.HTM     | text/html; charset=utf-8                | true",
                "/style.css        | text/css; charset=utf-8                 | true",
                "/app.js           | text/javascript; charset=utf-8          | true",
                "/mod.mjs          | text/javascript; charset=utf-8          | true",
                "/data.json        | application/json                        | true",
                "/app.js.map       | application/json                        | true",
                "/logo.svg         | image/svg+xml                           | true",
                "/a.png            | image/png                               | false",
                "/a.jpg            | image/jpeg                              | false",
                "/a.jpeg           | image/jpeg                              | false",
                "/a.gif            | image/gif                               | false",
                "/a.webp           | image/webp                              | false",
                "/a.avif           | image/avif                              | false",
                "/favicon.ico      | image/x-icon                            | true",
                "/f.woff           | font/woff                               | false",
                "/f.woff2          | font/woff2                              | false",
                "/f.ttf            | font/ttf                                | true",
                "/f.otf            | font/otf                                | true",
                "/notes.txt        | text/plain; charset=utf-8               | true",
                "/README.md        | text/markdown; charset=utf-8            | true",
                "/feed.xml         | text/xml; charset=utf-8                 | true",
                "/doc.pdf          | application/pdf                         | false",
                "/app.wasm         | application/wasm                        | true",
                "/v.mp4            | video/mp4                               | false",
                "/v.webm           | video/webm                              | false",
                "/s.mp3            | audio/mpeg                              | false",
                "/a.zip            | application/zip                         | false",
                "/t.csv            | text/csv; charset=utf-8                 | true",
                "/site.webmanifest | application/manifest+json               | true",
                "/feed.rss         | application/rss+xml; charset=utf-8      | true",
                "/LICENSE          | application/octet-stream                | false",
                "/.htaccess        | application/octet-stream                | false",
                "/dir.v2/file      | application/octet-stream                | false",
                "/trailing.        | application/octet-stream                | false",
                "/x.exe            | application/octet-stream                | false",
            })
    void typeAndCompressibilityShouldFollowTheExtension(String path, String type, boolean compressible) {
        assertThat(MediaTypes.of(path)).isEqualTo(type);
        assertThat(MediaTypes.compressible(type)).isEqualTo(compressible);
    }
}
