package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DomainsCommandTest {
    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    private static final String SHOP =
            "{\"domain\":\"shop.example.com\",\"display\":\"shop.example.com\",\"app\":\"shop\","
                    + "\"state\":\"pending\",\"challengeUrl\":\"http://shop.example.com/.well-known/fazt/T0k3n\",\"token\":\"T0k3n\"}";

    @Test
    void addPostsTheDomainAndSaysHowToVerify() {
        cli.server().json("POST /api/apps/shop/domains", 201, SHOP);

        CliRun run = cli.run("domains", "add", "shop", "shop.example.com");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.sent()).isEqualTo("POST /api/apps/shop/domains {\"domain\":\"shop.example.com\"}");
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "mapped shop.example.com to shop (pending)",
                        "point its DNS at this server, then check with: fazt domains verify shop shop.example.com",
                        "the check fetches http://shop.example.com/.well-known/fazt/T0k3n");
    }

    @Test
    void listPrintsStateVerifiedTimeAndReasonWithUnicodeNames() {
        String body =
                "{\"domains\":[{\"domain\":\"xn--bcher-kva.example\",\"display\":\"bücher.example\",\"app\":\"books\","
                        + "\"state\":\"failed\",\"reason\":\"answered 404\",\"verifiedAt\":\"2026-01-03T11:30:00Z\","
                        + "\"checkedAt\":\"2026-01-04T11:30:00Z\"},{\"domain\":\"*.shops.example.com\","
                        + "\"display\":\"*.shops.example.com\",\"app\":\"shop\",\"state\":\"pending\"}]}";
        cli.server().json("GET /api/domains", 200, body);
        cli.server().json("GET /api/apps/books/domains", 200, "{\"domains\":[]}");

        CliRun run = cli.run("domains", "list");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "DOMAIN                                  APP    STATE    VERIFIED          CHECKED           REASON",
                        "bücher.example (xn--bcher-kva.example)  books  failed   " + Table.time("2026-01-03T11:30:00Z")
                                + "  " + Table.time("2026-01-04T11:30:00Z") + "  answered 404",
                        "*.shops.example.com                     shop   pending  -                 -                 -");
        assertThat(cli.run("domains", "list", "--json").out()).isEqualTo(body + "\n");
        assertThat(cli.run("domains", "list", "books").out())
                .isEqualTo("no custom domains on books; map one with: fazt domains add books DOMAIN\n");
    }

    @Test
    void listShowsEachDomainsCertificateWhenTheCallerMaySeeThem() {
        cli.server()
                .json(
                        "GET /api/apps/shop/domains",
                        200,
                        "{\"domains\":[{\"domain\":\"shop.example.com\",\"display\":\"shop.example.com\","
                                + "\"app\":\"shop\",\"state\":\"verified\"},{\"domain\":\"new.example.com\","
                                + "\"display\":\"new.example.com\",\"app\":\"shop\",\"state\":\"pending\"}]}");
        cli.server()
                .json(
                        "GET /api/certificates",
                        200,
                        "{\"certificates\":[{\"name\":\"shop.example.com\",\"source\":\"acme\",\"state\":\"issued\","
                                + "\"notAfter\":\"2027-03-01T00:00:00Z\",\"issuer\":\"Pebble Intermediate CA\","
                                + "\"attempts\":1}],\"backlog\":0}");

        CliRun run = cli.run("domains", "list", "shop");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("CERTIFICATE").contains("EXPIRES").contains("ISSUER");
        assertThat(lines.get(1))
                .startsWith("shop.example.com")
                .contains("issued")
                .contains(Table.time("2027-03-01T00:00:00Z"))
                .endsWith("Pebble Intermediate CA");
        assertThat(lines.get(2)).startsWith("new.example.com").endsWith("-");
    }

    @Test
    void verifyExitsOneWhenTheCheckFails() {
        cli.server()
                .json(
                        "POST /api/apps/shop/domains/shop.example.com/verify",
                        200,
                        SHOP.replace("pending", "failed")
                                .replace("\"token\"", "\"reason\":\"no DNS address\",\"token\""));
        CliRun run = cli.run("domains", "verify", "shop", "shop.example.com");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("shop.example.com: failed (no DNS address)\n");
    }

    @Test
    void removeDeletesAndAWildcardIsSentAsTyped() {
        cli.server().empty("DELETE /api/apps/shop/domains/*.shops.example.com", 204);
        CliRun run = cli.run("domains", "remove", "shop", "*.shops.example.com");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("removed *.shops.example.com from shop\n");
    }

    @Test
    void aTakenDomainIsAProblemLine() {
        cli.server()
                .problem(
                        "POST /api/apps/blog/domains",
                        409,
                        "{\"type\":\"https://errors.fazt.dev/deploy/domain-taken\","
                                + "\"title\":\"Domain already mapped\",\"status\":409,\"detail\":\"shop.example.com is already mapped to "
                                + "the app \\\"shop\\\"; remove it there first.\",\"app\":\"shop\"}");
        CliRun run = cli.run("domains", "add", "blog", "shop.example.com");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("fazt: shop.example.com is already mapped to the app \"shop\"; remove it there "
                        + "first. (deploy/domain-taken)\n");
    }
}
