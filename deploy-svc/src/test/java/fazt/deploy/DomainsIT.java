package fazt.deploy;

import static fazt.deploy.DeployClient.json;
import static fazt.deploy.DeployClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.admin.AdminResponse;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChallengeReply;
import fazt.proto.deploy.DomainChallengeRequest;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import fazt.proto.problem.Problem;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Custom domains through the admin API, {@code svc.deploy.domains.get} and {@code svc.deploy.domain.challenge}, against
 * real NATS and PostgreSQL. The domains' web server is a small HTTP server that answers the challenge the way the
 * gateway does (asking deploy-svc for the token of the mapping the Host falls under); {@code FAZT_DOMAIN_CHECK_ADDRESS}
 * points the check at it.
 */
class DomainsIT {
    /** Hosts the web server refuses to answer for: their DNS "points elsewhere". */
    private static final Set<String> ELSEWHERE = ConcurrentHashMap.newKeySet();

    private static final HttpServer WEB = webServer();
    static final TestSuite suite = TestSuite.of(new DeployService())
            .with("FAZT_DOMAIN", "fazt.example.net")
            .with("FAZT_DOMAIN_CHECK_ADDRESS", "127.0.0.1:" + WEB.getAddress().getPort());

    @RegisterExtension
    static final DeployClient client = new DeployClient(suite);

    @AfterAll
    static void stopWeb() {
        WEB.stop(0);
    }

    private static HttpServer webServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/.well-known/fazt/", exchange -> {
                String host = exchange.getRequestHeaders().getFirst("Host").toLowerCase();
                String asked = exchange.getRequestURI().getPath().substring("/.well-known/fazt/".length());
                String token = ELSEWHERE.contains(host) ? null : tokenFor(host);
                byte[] body =
                        (token != null && token.equals(asked) ? token : "not here").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(token != null && token.equals(asked) ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token of the exact mapping of {@code host}, else of the wildcard over it. */
    private static String tokenFor(String host) {
        String exact = challenge(host);
        int dot = host.indexOf('.');
        return exact != null || dot < 0 ? exact : challenge("*" + host.substring(dot));
    }

    private static String challenge(String domain) {
        return DeployClient.await(client.requester()
                        .request(
                                DeploySubjects.DOMAIN_CHALLENGE,
                                new DomainChallengeRequest(domain),
                                DomainChallengeReply.class,
                                DeployClient.TIMEOUT))
                .token();
    }

    private static AdminResponse add(String app, String domain) {
        return client.call(
                "POST",
                "/apps/" + app + "/domains",
                MessageCodec.INSTANCE
                        .mapper()
                        .createObjectNode()
                        .put("domain", domain)
                        .toString());
    }

    /**
     * The next event of kind {@code change}: the background checks run alongside and may verify or fail a domain
     * mapped here at any moment, so events of other kinds are skipped.
     */
    private static DomainChanged nextEvent(Subscription events, DomainChanged.Change change)
            throws InterruptedException {
        while (true) {
            Message message = events.nextMessage(Duration.ofSeconds(10));
            assertThat(message).as("a DomainChanged event %s", change).isNotNull();
            DomainChanged event = MessageCodec.INSTANCE.decode(message.getData(), DomainChanged.class);
            if (event.change() == change) {
                return event;
            }
        }
    }

    private static Subscription domainEvents() throws Exception {
        Subscription events = client.nats().subscribe(suite.nats().root().qualify(DeploySubjects.DOMAIN_EVENTS));
        client.nats().flush(Duration.ofSeconds(2));
        return events;
    }

    @Test
    void mapVerifyListAndRemove() throws Exception {
        client.deploy("shop", Map.of("index.html", "shop"));
        Subscription events = domainEvents();

        AdminResponse created = add("shop", "Shop.Example.COM");
        assertThat(created.status()).isEqualTo(201);
        JsonNode view = json(created);
        assertThat(view.path("domain").asText()).isEqualTo("shop.example.com");
        assertThat(view.path("app").asText()).isEqualTo("shop");
        assertThat(view.path("state").asText()).isEqualTo("pending");
        String token = view.path("token").asText();
        assertThat(token).hasSize(24);
        assertThat(view.path("challengeUrl").asText()).isEqualTo("http://shop.example.com/.well-known/fazt/" + token);
        DomainChanged mapped = nextEvent(events, DomainChanged.Change.MAPPED);
        assertThat(mapped.change()).isEqualTo(DomainChanged.Change.MAPPED);
        assertThat(mapped.domain().domain()).isEqualTo("shop.example.com");
        assertThat(mapped.domain().appName()).isEqualTo("shop");
        assertThat(mapped.domain().state()).isEqualTo(DomainState.PENDING);
        // Mapping it again to the same app changes nothing.
        assertThat(add("shop", "shop.example.com").status()).isEqualTo(200);

        AdminResponse verified = client.call("POST", "/apps/shop/domains/shop.example.com/verify", null);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(json(verified).path("state").asText()).isEqualTo("verified");
        assertThat(json(verified).hasNonNull("verifiedAt")).isTrue();
        DomainChanged verifiedEvent = nextEvent(events, DomainChanged.Change.VERIFIED);
        assertThat(verifiedEvent.change()).isEqualTo(DomainChanged.Change.VERIFIED);
        assertThat(verifiedEvent.domain().verifiedAt()).isNotNull();

        AdminResponse idn = add("shop", "Bücher.Example");
        assertThat(json(idn).path("domain").asText()).isEqualTo("xn--bcher-kva.example");
        assertThat(json(idn).path("display").asText()).isEqualTo("bücher.example");
        assertThat(nextEvent(events, DomainChanged.Change.MAPPED).domain().domain())
                .isEqualTo("xn--bcher-kva.example");

        JsonNode listed = json(client.call("GET", "/apps/shop/domains", null)).path("domains");
        assertThat(listed)
                .extracting(d -> d.path("domain").asText())
                .containsExactly("shop.example.com", "xn--bcher-kva.example");
        DomainsReply all = DeployClient.await(client.requester()
                .request(DeploySubjects.DOMAINS_GET, new DomainsRequest(), DomainsReply.class, DeployClient.TIMEOUT));
        assertThat(all.domains())
                .filteredOn(d -> d.domain().equals("shop.example.com"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.state()).isEqualTo(DomainState.VERIFIED);
                    assertThat(d.appName()).isEqualTo("shop");
                });

        assertThat(client.call("DELETE", "/apps/shop/domains/shop.example.com", null)
                        .status())
                .isEqualTo(204);
        DomainChanged removed = nextEvent(events, DomainChanged.Change.REMOVED);
        assertThat(removed.change()).isEqualTo(DomainChanged.Change.REMOVED);
        assertThat(removed.domain().domain()).isEqualTo("shop.example.com");
        Problem gone = problemOf(() -> client.call("DELETE", "/apps/shop/domains/shop.example.com", null));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.type()).isEqualTo("https://errors.fazt.dev/deploy/domain-not-found");
        assertThat(challenge("shop.example.com")).isNull();
        assertThat(client.call("DELETE", "/apps/shop/domains/xn--bcher-kva.example", null)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aDomainNotPointingHereFailsWithTheReasonShown() throws Exception {
        client.deploy("away", Map.of("index.html", "away"));
        ELSEWHERE.add("away.example.org");
        add("away", "away.example.org");
        JsonNode failed = json(client.call("POST", "/apps/away/domains/away.example.org/verify", null));
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("reason").asText()).contains("answered 404");
        assertThat(failed.hasNonNull("checkedAt")).isTrue();

        ELSEWHERE.remove("away.example.org");
        JsonNode verified = json(client.call("POST", "/apps/away/domains/away.example.org/verify", null));
        assertThat(verified.path("state").asText()).isEqualTo("verified");
        assertThat(verified.has("reason")).isFalse();

        // A verified domain that stops pointing here stays verified for two failed checks, fails on the third.
        ELSEWHERE.add("away.example.org");
        for (int i = 1; i <= 2; i++) {
            JsonNode still = json(client.call("POST", "/apps/away/domains/away.example.org/verify", null));
            assertThat(still.path("state").asText())
                    .as("after %d failed checks", i)
                    .isEqualTo("verified");
            assertThat(still.path("reason").asText()).contains("answered 404");
        }
        JsonNode gone = json(client.call("POST", "/apps/away/domains/away.example.org/verify", null));
        assertThat(gone.path("state").asText()).isEqualTo("failed");
    }

    @Test
    void aWildcardIsVerifiedThroughALabelUnderIt() throws Exception {
        client.deploy("shops", Map.of("index.html", "shops"));
        JsonNode view = json(add("shops", "*.Shops.Example.COM"));
        assertThat(view.path("domain").asText()).isEqualTo("*.shops.example.com");
        assertThat(view.path("challengeUrl").asText())
                .matches("http://fazt-check-[a-z0-9]{8}\\.shops\\.example\\.com/" + "\\.well-known/fazt/"
                        + view.path("token").asText());
        JsonNode verified = json(client.call("POST", "/apps/shops/domains/*.shops.example.com/verify", null));
        assertThat(verified.path("state").asText()).isEqualTo("verified");
    }

    @Test
    void oneAppPerDomain() throws Exception {
        client.deploy("first", Map.of("index.html", "1"));
        client.deploy("second", Map.of("index.html", "2"));
        assertThat(add("first", "taken.example.com").status()).isEqualTo(201);
        Problem taken = problemOf(() -> add("second", "TAKEN.example.com."));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.type()).isEqualTo("https://errors.fazt.dev/deploy/domain-taken");
        assertThat(taken.detail()).contains("\"first\"");
        assertThat(taken.extensions()).containsEntry("app", "first");
        Problem notOwned = problemOf(() -> client.call("DELETE", "/apps/second/domains/taken.example.com", null));
        assertThat(notOwned.status()).isEqualTo(404);
    }

    @Test
    void badNamesAre400NamingTheField() throws Exception {
        client.deploy("badnames", Map.of("index.html", "b"));
        for (String bad : List.of(
                "localhost",
                "shop",
                "127.0.0.1",
                "blog.fazt.example.net",
                "fazt.example.net",
                "shop.*.example.com",
                "a".repeat(64) + ".example.com",
                "x.localhost")) {
            Problem problem = problemOf(() -> add("badnames", bad));
            assertThat(problem.status()).as(bad).isEqualTo(400);
            assertThat(problem.type()).as(bad).isEqualTo("https://errors.fazt.dev/deploy/invalid-domain");
            assertThat(problem.errors())
                    .as(bad)
                    .extracting(Problem.FieldError::field)
                    .containsExactly("domain");
        }
        Problem missing = problemOf(() -> client.call("POST", "/apps/badnames/domains", "{\"domain\": 7}"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errors()).extracting(Problem.FieldError::field).containsExactly("domain");
        Problem noApp = problemOf(() -> add("nosuchapp", "x.example.com"));
        assertThat(noApp.status()).isEqualTo(404);
    }

    @Test
    void scopes() throws Exception {
        client.deploy("scoped", Map.of("index.html", "s"));
        Principal deployer = new Principal("u_d", "deployer", List.of("deploy:scoped"));
        Principal reader = new Principal("u_r", "reader", List.of("read"));
        assertThat(client.call(deployer, "POST", "/apps/scoped/domains", "{\"domain\": \"scoped.example.com\"}")
                        .status())
                .isEqualTo(201);
        assertThat(client.call(reader, "GET", "/apps/scoped/domains", null).status())
                .isEqualTo(200);
        assertThat(client.call(reader, "GET", "/domains", null).status()).isEqualTo(200);
        assertThat(problemOf(() -> client.call(deployer, "GET", "/domains", null))
                        .status())
                .isEqualTo(403);
        assertThat(problemOf(() -> client.call(reader, "DELETE", "/apps/scoped/domains/scoped.example.com", null))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void renamingKeepsDomainsAndDeletingFreesThem() throws Exception {
        client.deploy("before", Map.of("index.html", "b"));
        add("before", "keep.example.com");
        add("before", "*.keep.example.com");
        Subscription events = domainEvents();

        assertThat(client.call("PATCH", "/apps/before", "{\"name\": \"after\"}").status())
                .isEqualTo(200);
        assertThat(json(client.call("GET", "/apps/after/domains", null)).path("domains"))
                .extracting(d -> d.path("app").asText())
                .containsExactly("after", "after");
        for (int i = 0; i < 2; i++) {
            DomainChanged event = nextEvent(events, DomainChanged.Change.MAPPED);
            assertThat(event.domain().appName()).isEqualTo("after");
        }

        assertThat(client.call("DELETE", "/apps/after", null).status()).isEqualTo(204);
        assertThat(List.of(
                        nextEvent(events, DomainChanged.Change.REMOVED),
                        nextEvent(events, DomainChanged.Change.REMOVED)))
                .extracting(e -> e.domain().domain())
                .containsExactlyInAnyOrder("keep.example.com", "*.keep.example.com");
        client.deploy("heir", Map.of("index.html", "h"));
        assertThat(add("heir", "keep.example.com").status()).isEqualTo(201);
    }
}
