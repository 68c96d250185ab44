package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sites from outside, against a running suite (one JVM, started by scripts/stack): deploy and serve by Host, the
 * very next request after a redeploy sees the new content, versions and rollback, rename, clone, delete, the built-in
 * root and 404 apps, conditional, range and compressed responses, and hostile bundles refused with problem+json while
 * the live version keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SitesE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm();

    private final Edge edge = suite.edge();

    private String page(String host, String path) throws Exception {
        return Edge.text(edge.get(host, path));
    }

    @Test
    @Order(1)
    void theBuiltInRootAnd404AppsAreServedOnFirstStart() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<byte[]> root;
        do {
            root = edge.get("localhost", "/");
            if (root.statusCode() == 200) {
                break;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(Edge.text(root)).contains("Welcome to");
        assertThat(page("root.localhost", "/")).contains("Welcome to");

        HttpResponse<byte[]> unknown = edge.get("nothing-here.localhost", "/some/page");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Edge.text(unknown)).contains("There is nothing here");
        assertThat(edge.get("other.example.org", "/").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aMalformedHostIsA400() throws Exception {
        HttpResponse<byte[]> bad = edge.get("bad_host..localhost", "/");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Edge.jsonOf(bad).get("type").asText()).isEqualTo("https://errors.fazt.dev/gateway/bad-host");
    }

    @Test
    @Order(3)
    void theAdminApiNeedsAToken() throws Exception {
        HttpResponse<byte[]> none =
                edge.send("GET", "admin.localhost", "/api/apps", HttpRequest.BodyPublishers.noBody());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("content-type")).hasValue("application/problem+json");
        HttpResponse<byte[]> wrong = edge.send(
                "GET",
                "admin.localhost",
                "/api/apps",
                HttpRequest.BodyPublishers.noBody(),
                "Authorization",
                "Bearer nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Edge.text(wrong))
                .isEqualTo(Edge.text(none)
                        .replace(
                                Edge.jsonOf(none).get("traceId").asText(),
                                Edge.jsonOf(wrong).get("traceId").asText()));
    }

    @Test
    @Order(10)
    void deployServesByHostAndARedeployIsLiveOnTheVeryNextRequest() throws Exception {
        Path v1 = Bundles.zip(Bundles.files(
                "index.html", "<h1>blog v1</h1>",
                "docs/index.html", "<h1>docs</h1>",
                "style.css", "body { color: red; }".repeat(200),
                "fazt.json", "{\"headers\": {\"/docs/**\": {\"X-Docs\": \"yes\"}}}"));
        HttpResponse<byte[]> created = edge.deploy("blog", v1);
        assertThat(created.statusCode()).as(Edge.text(created)).isEqualTo(201);
        assertThat(Edge.jsonOf(created).get("version").asInt()).isEqualTo(1);
        assertThat(Edge.jsonOf(created).get("app").get("host").asText()).isEqualTo("blog.localhost");
        assertThat(page("blog.localhost", "/")).isEqualTo("<h1>blog v1</h1>");

        HttpResponse<byte[]> docs = edge.get("blog.localhost", "/docs");
        assertThat(docs.statusCode()).isEqualTo(301);
        assertThat(docs.headers().firstValue("location")).hasValue("/docs/");
        HttpResponse<byte[]> docsIndex = edge.get("blog.localhost", "/docs/");
        assertThat(Edge.text(docsIndex)).isEqualTo("<h1>docs</h1>");
        assertThat(docsIndex.headers().firstValue("x-docs")).hasValue("yes");
        assertThat(edge.get("blog.localhost", "/fazt.json").statusCode()).isEqualTo(404);

        for (int round = 2; round <= 4; round++) {
            Path next = Bundles.zip(Bundles.files(
                    "index.html", "<h1>blog v" + round + "</h1>", "style.css", "body { color: red; }".repeat(200)));
            HttpResponse<byte[]> redeployed = edge.deploy("blog", next);
            assertThat(redeployed.statusCode()).isEqualTo(200);
            assertThat(Edge.jsonOf(redeployed).get("newBlobs").asInt())
                    .as("only the changed file is stored")
                    .isEqualTo(1);
            assertThat(page("blog.localhost", "/")).isEqualTo("<h1>blog v" + round + "</h1>");
        }
    }

    @Test
    @Order(11)
    void conditionalRangeCompressedAndHeadRequestsFollowHttp() throws Exception {
        HttpResponse<byte[]> css = edge.get("blog.localhost", "/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        String etag = css.headers().firstValue("etag").orElseThrow();
        assertThat(css.headers().firstValue("last-modified")).isPresent();
        assertThat(css.headers().firstValue("cache-control")).isPresent();

        assertThat(edge.get("blog.localhost", "/style.css", "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(304);

        HttpResponse<byte[]> range = edge.get("blog.localhost", "/style.css", "Range", "bytes=0-3");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("body");
        assertThat(range.headers().firstValue("content-range")).hasValue("bytes 0-3/" + css.body().length);

        HttpResponse<byte[]> gzip = edge.get("blog.localhost", "/style.css", "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes())
                .isEqualTo(css.body());

        HttpResponse<byte[]> head =
                edge.send("HEAD", "blog.localhost", "/style.css", HttpRequest.BodyPublishers.noBody());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    @Order(12)
    void versionsAndRollbackSwitchWithoutReupload() throws Exception {
        JsonNode versions = Edge.jsonOf(edge.json("GET", "/apps/blog/versions", null));
        assertThat(versions.get("versions")).hasSize(4);
        assertThat(versions.get("versions").get(0).get("live").asBoolean()).isTrue();

        HttpResponse<byte[]> back = edge.json("POST", "/apps/blog/rollback", "{}");
        assertThat(back.statusCode()).as(Edge.text(back)).isEqualTo(200);
        assertThat(Edge.jsonOf(back).get("version").asInt()).isEqualTo(3);
        assertThat(page("blog.localhost", "/")).isEqualTo("<h1>blog v3</h1>");

        assertThat(edge.json("POST", "/apps/blog/rollback", "{\"version\": 1}").statusCode())
                .isEqualTo(200);
        assertThat(page("blog.localhost", "/")).isEqualTo("<h1>blog v1</h1>");

        HttpResponse<byte[]> missing = edge.json("POST", "/apps/blog/rollback", "{\"version\": 99}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Edge.jsonOf(missing).get("type").asText())
                .isEqualTo("https://errors.fazt.dev/deploy/version-not-found");
    }

    @Test
    @Order(13)
    void hostileBundlesAreRefusedAndTheLiveVersionKeepsServing() throws Exception {
        String before = page("blog.localhost", "/");
        record Case(String name, Path bundle, String type, String detailContains) {}
        List<Case> cases = List.of(
                new Case(
                        "zip slip",
                        Bundles.zip(Bundles.files("../../etc/cron.d/x", "boom")),
                        "deploy/bundle-rejected",
                        "zip slip"),
                new Case("symlink", Bundles.symlinkZip(), "deploy/bundle-rejected", "symbolic links"),
                new Case("zip bomb", Bundles.bomb(), "deploy/bundle-rejected", "zip bomb"),
                new Case(
                        "too many files", Bundles.manyFiles(10_001), "deploy/bundle-rejected", "more than 10000 files"),
                new Case(
                        "bad manifest",
                        Bundles.zip(Bundles.files("index.html", "x", "fazt.json", "{\"spaa\": true}")),
                        "deploy/manifest-rejected",
                        "spaa"));
        for (Case c : cases) {
            HttpResponse<byte[]> refused = edge.deploy("blog", c.bundle());
            assertThat(refused.statusCode()).as(c.name()).isEqualTo(422);
            assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
            JsonNode problem = Edge.jsonOf(refused);
            assertThat(problem.get("type").asText()).as(c.name()).isEqualTo("https://errors.fazt.dev/" + c.type());
            assertThat(problem.get("detail").asText()).as(c.name()).contains(c.detailContains());
            assertThat(page("blog.localhost", "/")).as(c.name()).isEqualTo(before);
        }
        assertThat(Edge.jsonOf(edge.json("GET", "/apps/blog/versions", null)).get("versions"))
                .hasSize(4);
    }

    @Test
    @Order(14)
    void spaFallbackAndTheAppsOwn404Page() throws Exception {
        assertThat(edge.deploy(
                                "spa",
                                Bundles.zip(Bundles.files("index.html", "<app/>", "fazt.json", "{\"spa\": true}")))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<byte[]> deep = edge.get("spa.localhost", "/users/42");
        assertThat(deep.statusCode()).isEqualTo(200);
        assertThat(Edge.text(deep)).isEqualTo("<app/>");

        assertThat(edge.deploy("own404", Bundles.zip(Bundles.files("index.html", "home", "404.html", "custom missing")))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<byte[]> missing = edge.get("own404.localhost", "/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Edge.text(missing)).isEqualTo("custom missing");

        HttpResponse<byte[]> plain = edge.get("blog.localhost", "/nope");
        assertThat(plain.statusCode()).isEqualTo(404);
        assertThat(Edge.text(plain)).contains("There is nothing here");
    }

    @Test
    @Order(20)
    void renameKeepsServingUnderTheNewNameOnly() throws Exception {
        HttpResponse<byte[]> renamed = edge.json("PATCH", "/apps/blog", "{\"name\": \"journal\"}");
        assertThat(renamed.statusCode()).as(Edge.text(renamed)).isEqualTo(200);
        assertThat(page("journal.localhost", "/")).isEqualTo("<h1>blog v1</h1>");
        assertThat(edge.get("blog.localhost", "/").statusCode()).isEqualTo(404);
        assertThat(Edge.jsonOf(edge.json("GET", "/apps/journal/versions", null)).get("versions"))
                .hasSize(4);
    }

    @Test
    @Order(21)
    void cloneMakesANewAppFromAVersion() throws Exception {
        HttpResponse<byte[]> cloned =
                edge.json("POST", "/apps/journal/clone", "{\"as\": \"journal-copy\", \"version\": 4}");
        assertThat(cloned.statusCode()).as(Edge.text(cloned)).isEqualTo(201);
        assertThat(page("journal-copy.localhost", "/")).isEqualTo("<h1>blog v4</h1>");
        HttpResponse<byte[]> taken = edge.json("POST", "/apps/journal/clone", "{\"as\": \"spa\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
    }

    @Test
    @Order(22)
    void filesOfTheLiveVersionCanBeListedAndDownloaded() throws Exception {
        JsonNode files = Edge.jsonOf(edge.json("GET", "/apps/journal-copy/files", null));
        assertThat(files.get("files")).hasSize(2);
        HttpResponse<byte[]> file = edge.json("GET", "/apps/journal-copy/files/index.html", null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(Edge.text(file)).isEqualTo("<h1>blog v4</h1>");
    }

    @Test
    @Order(30)
    void deleteHandsTheHostToThe404App() throws Exception {
        assertThat(edge.json("DELETE", "/apps/journal", null).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> gone = edge.get("journal.localhost", "/");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Edge.text(gone)).contains("There is nothing here");
        assertThat(edge.json("GET", "/apps/journal", null).statusCode()).isEqualTo(404);
        // The clone shares blobs with the deleted app and must keep serving.
        assertThat(page("journal-copy.localhost", "/")).isEqualTo("<h1>blog v4</h1>");
    }

    @Test
    @Order(31)
    void listingShowsTheApps() throws Exception {
        JsonNode apps = Edge.jsonOf(edge.json("GET", "/apps", null));
        assertThat(apps.get("apps").findValuesAsText("name"))
                .contains("root", "404", "spa", "own404", "journal-copy")
                .doesNotContain("journal", "blog");
    }
}
