package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agency's journey with custom domains, through the real gateway: map {@code shop.example.test} to an app with the
 * CLI, the gateway serves it at once, verification succeeds through the gateway itself
 * ({@code FAZT_DOMAIN_CHECK_ADDRESS}), nothing served there names fazt or the base domain, a wildcard and an exact
 * mapping under it go to their own apps, and removal stops it.
 */
class CustomDomainsE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm().checkDomainsAtGateway();

    /** Polls {@code host} + {@code path} until {@code done} holds, failing after a deadline. */
    private static HttpResponse<byte[]> awaitServed(
            Edge edge, String host, String path, Predicate<HttpResponse<byte[]>> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        HttpResponse<byte[]> last = edge.get(host, path);
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            last = edge.get(host, path);
        }
        assertThat(done)
                .as("%s%s answered %d: %s", host, path, last.statusCode(), Edge.text(last))
                .accepts(last);
        return last;
    }

    private static void noBranding(HttpResponse<byte[]> response) {
        String body = Edge.text(response).toLowerCase();
        assertThat(body).doesNotContain("fazt").doesNotContain("localhost");
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            assertThat(String.join(",", header.getValue()).toLowerCase())
                    .as(header.getKey())
                    .doesNotContain("fazt")
                    .doesNotContain("localhost");
        }
    }

    @Test
    void mapVerifyServeWhiteLabelAndRemove() throws Exception {
        Stack stack = suite.stack();
        Edge edge = suite.edge();
        Cli cli = Cli.loggedIn(stack, edge);
        edge.deployFiles("shop", "index.html", "<h1>shop</h1>", "404.html", "<p>not in the shop</p>");
        edge.deployFiles("stores", "index.html", "<h1>stores</h1>");

        Stack.Result added = cli.run("domains", "add", "shop", "Shop.Example.Test");
        assertThat(added.exitCode()).as(added.output()).isZero();
        assertThat(added.output()).contains("mapped shop.example.test to shop (pending)");

        // Served at once, while still pending: the user can try it before DNS points here.
        HttpResponse<byte[]> home = awaitServed(edge, "shop.example.test", "/", r -> r.statusCode() == 200);
        assertThat(Edge.text(home)).isEqualTo("<h1>shop</h1>");

        Stack.Result verified = cli.run("domains", "verify", "shop", "shop.example.test");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("shop.example.test: verified");
        Stack.Result listed = cli.run("domains", "list", "shop");
        assertThat(listed.output()).contains("shop.example.test").contains("verified");

        // White label: the app's own 404 page, the platform's 404 for a wrong challenge, nothing naming fazt.
        HttpResponse<byte[]> missing = edge.get("shop.example.test", "/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Edge.text(missing)).isEqualTo("<p>not in the shop</p>");
        noBranding(missing);
        HttpResponse<byte[]> wrongToken = edge.get("shop.example.test", "/.well-known/fazt/wrong");
        assertThat(wrongToken.statusCode()).isEqualTo(404);
        noBranding(wrongToken);
        HttpResponse<byte[]> posted =
                edge.send("POST", "shop.example.test", "/", HttpRequest.BodyPublishers.ofString("x"));
        assertThat(posted.statusCode()).isEqualTo(405);
        noBranding(posted);
        HttpResponse<byte[]> unknownHost = edge.get("nobody.example.test", "/");
        assertThat(unknownHost.statusCode()).isEqualTo(404);
        noBranding(unknownHost);

        // A wildcard maps every direct subdomain; an exact mapping under it wins.
        assertThat(cli.run("domains", "add", "stores", "*.stores.example.test").exitCode())
                .isZero();
        assertThat(cli.run("domains", "add", "shop", "vip.stores.example.test").exitCode())
                .isZero();
        assertThat(Edge.text(awaitServed(edge, "anna.stores.example.test", "/", r -> r.statusCode() == 200)))
                .isEqualTo("<h1>stores</h1>");
        assertThat(Edge.text(awaitServed(edge, "vip.stores.example.test", "/", r -> r.statusCode() == 200)))
                .isEqualTo("<h1>shop</h1>");
        Stack.Result wildcard = cli.run("domains", "verify", "stores", "*.stores.example.test");
        assertThat(wildcard.output()).as(wildcard.output()).contains("verified");

        // One app per domain.
        Stack.Result taken = cli.run("domains", "add", "stores", "shop.example.test");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.output()).contains("deploy/domain-taken").contains("\"shop\"");

        // Renaming the app keeps the domain, served under the new name.
        HttpResponse<byte[]> renamed = edge.json("PATCH", "/apps/shop", "{\"name\": \"boutique\"}");
        assertThat(renamed.statusCode()).as(Edge.text(renamed)).isEqualTo(200);
        assertThat(Edge.text(awaitServed(edge, "shop.example.test", "/", r -> r.statusCode() == 200)))
                .isEqualTo("<h1>shop</h1>");
        assertThat(cli.run("domains", "list", "boutique").output()).contains("shop.example.test");

        Stack.Result removed = cli.run("domains", "remove", "boutique", "shop.example.test");
        assertThat(removed.exitCode()).as(removed.output()).isZero();
        noBranding(awaitServed(edge, "shop.example.test", "/", r -> r.statusCode() == 404));

        // Deleting the app frees its domains.
        assertThat(edge.json("DELETE", "/apps/stores", null).statusCode()).isEqualTo(204);
        awaitServed(edge, "anna.stores.example.test", "/", r -> r.statusCode() == 404);
        assertThat(cli.run("domains", "list").output())
                .doesNotContain("*.stores.example.test")
                .contains("vip.stores.example.test");
    }
}
