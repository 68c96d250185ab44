package fazt.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.GatewayService;
import fazt.gateway.edge.EdgeServer;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.DeployStandIn;
import fazt.proto.ServiceName;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.MappedDomain;
import io.nats.client.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Custom domains in the real gateway over real NATS, deploy-svc played by its {@link DeployStandIn}: the mappings come from
 * {@code svc.deploy.domains.get} (asked again until it answers) and from {@link DomainChanged} events, and the
 * challenge path answers the token deploy-svc holds, in plain text that names nothing.
 */
class CustomDomainsIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new GatewayService());

    private static Connection nats;
    private static DeployStandIn deploy;

    @BeforeAll
    static void deployStandIn() throws Exception {
        nats = suite.nats().connect();
        deploy = DeployStandIn.start(nats, suite.nats().root());
        deploy.domain(DomainChanged.Change.MAPPED, domain("preloaded.example.com", "shop"), "tok-preloaded");
    }

    @AfterAll
    static void close() throws Exception {
        deploy.close();
        nats.close();
    }

    private static MappedDomain domain(String name, String app) {
        return new MappedDomain(name, "a_" + app, app, DomainState.PENDING, null);
    }

    private static HostRoute awaitRoute(String host, Predicate<HostRoute> done) throws Exception {
        HostRouter router = suite.service(ServiceName.GATEWAY).context().getBean(HostRouter.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HostRoute route = router.route(host);
        while (!done.test(route) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            route = router.route(host);
        }
        assertThat(done).as("route of %s: %s", host, route).accepts(route);
        return route;
    }

    private static HttpResponse<String> get(String host, String path) throws Exception {
        int port = suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .port();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .header("Host", host)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theSnapshotIsLoadedOnceDeployAnswers() throws Exception {
        HostRoute route = awaitRoute("preloaded.example.com", HostRoute::custom);
        assertThat(route.app()).isEqualTo("shop");
        HttpResponse<String> challenge = get("preloaded.example.com", "/.well-known/fazt/tok-preloaded");
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("tok-preloaded");
        assertThat(challenge.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void eventsMapAWildcardAnExactNameUnderItAndRemoveThem() throws Exception {
        MappedDomain wildcard = domain("*.shops.example.com", "shops");
        MappedDomain vip = domain("vip.shops.example.com", "vip");
        deploy.domain(DomainChanged.Change.MAPPED, wildcard, "tok-wild");
        deploy.domain(DomainChanged.Change.MAPPED, vip, "tok-vip");

        assertThat(awaitRoute("anna.shops.example.com", HostRoute::custom).app())
                .isEqualTo("shops");
        assertThat(awaitRoute("vip.shops.example.com", HostRoute::custom).app()).isEqualTo("vip");

        // The wildcard's challenge is answered on any label under it with the wildcard's token.
        HttpResponse<String> challenge = get("fazt-check-abcd1234.shops.example.com", "/.well-known/fazt/tok-wild");
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("tok-wild");
        HttpResponse<String> wrong = get("vip.shops.example.com", "/.well-known/fazt/tok-wild");
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(wrong.body().toLowerCase()).doesNotContain("fazt");

        deploy.removeDomain(vip.domain());
        assertThat(awaitRoute("vip.shops.example.com", r -> r.app().equals("shops"))
                        .mapping())
                .isEqualTo("*.shops.example.com");
        deploy.removeDomain(wildcard.domain());
        assertThat(awaitRoute("anna.shops.example.com", r -> !r.custom()).kind())
                .isEqualTo(HostRoute.Kind.UNKNOWN);
    }
}
