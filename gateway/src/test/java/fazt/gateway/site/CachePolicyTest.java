package fazt.gateway.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CachePolicyTest {
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String SHORT = "public, max-age=300";
    private static final String REVALIDATE = "no-cache";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // pages, hashed or not
                "/index.html                                  | no-cache",
                "/docs/page.3f9a2c1b.html                     | no-cache",
                "/about.htm                                   | no-cache",
                // fingerprints bundlers write
                "/assets/app.3f9a2c1b.js                      | immutable", // Parcel, webpack [contenthash:8]
                "/assets/index-BdK3x9Zq.css                   | immutable", // Vite / Rollup
                "/assets/index-C-ZJN4mb.js                    | immutable", // Rollup hash holding a dash
                "/assets/vendor_Ab3_cdEf.js                   | short", // no separator before the hash
                "/main.a1b2c3d4e5f60718.js                    | immutable", // Angular < 17
                "/main-XGWC3JQ2.js                            | immutable", // esbuild / Angular 17+ (base32)
                "/css/main.0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd.css | immutable", // Hugo
                // sha256
                "/static/js/main.3f9a2c1b.chunk.js            | immutable", // create-react-app
                "/app.3f9a2c1b.min.js                         | immutable",
                "/3f9a2c1b8e7d6a5f4c3b.png                    | immutable", // webpack asset default [hash][ext]
                "/_app/immutable/entry/start.js               | immutable", // SvelteKit
                "/_next/static/abc/_buildManifest.js          | immutable", // Next.js
                // names people choose
                "/img/logo.png                                | short",
                "/favicon.ico                                 | short",
                "/robots.txt                                  | short",
                "/jquery-3.7.1.min.js                         | short",
                "/favicon-32x32.png                           | short",
                "/fonts/roboto-v30-latin-regular.woff2        | short",
                "/photos/IMG_20240115_123456.jpg              | short",
                "/photos/DSC01234.JPG                         | short",
                "/photos/IMG_1234.jpg                         | short",
                "/photos/holiday-IMG_1234.jpg                 | short",
                "/photos/my-photo2024.jpg                     | short",
                "/posts/2024-01-15-hello.md                   | short",
                "/downloads/report-20240115.pdf               | short",
                "/deadbeef.png                                | short", // hex without a digit
                "/abc12345.png                                | short", // a bare name, too short to be a bare hash
                "/.well-known/security.txt                    | short",
                "/LICENSE                                     | short",
            })
    void cacheControlShouldFollowTheKindOfFile(String path, String expected) {
        String type = MediaTypes.of(path);
        String want =
                switch (expected) {
                    case "immutable" -> IMMUTABLE;
                    case "short" -> SHORT;
                    default -> REVALIDATE;
                };
        assertThat(CachePolicy.cacheControl(path, type, false)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"/404.html", "/assets/app.3f9a2c1b.js", "/img/logo.png"})
    void errorPagesShouldAlwaysRevalidate(String path) {
        assertThat(CachePolicy.cacheControl(path, MediaTypes.of(path), true)).isEqualTo(REVALIDATE);
    }
}
