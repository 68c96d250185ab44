package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt domains ...}: map custom domains to apps, list them with their verification state, verify, remove. */
@Command(
        name = "domains",
        description = {
            "Serve an app at your own domains (shop.example.com, *.example.com).",
            "Point the domain's DNS at this server (A/AAAA or CNAME); fazt checks that it answers there and marks the",
            "domain verified. See docs/domains.md."
        },
        footer = {
            "",
            "Examples:",
            "  fazt domains add shop shop.example.com",
            "  fazt domains add shop '*.shops.example.com'     (every direct subdomain)",
            "  fazt domains list shop",
            "  fazt domains list                  (every app's; needs read)",
            "  fazt domains verify shop shop.example.com",
            "  fazt domains remove shop shop.example.com"
        })
final class DomainsCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        throw missingCommand("add, list, verify or remove");
    }

    @Command(name = "add", description = "Map a domain to an app; it is served at once and verified in the background.")
    int add(
            @Parameters(index = "0", paramLabel = "APP", description = "the app") String app,
            @Parameters(index = "1", paramLabel = "DOMAIN", description = "the domain, *.example.com for a wildcard")
                    String domain) {
        ObjectNode body = AdminClient.JSON.createObjectNode().put("domain", domain);
        JsonNode view = admin().send("POST", AdminClient.path("apps", app, "domains"), body)
                .json();
        print("mapped " + shown(view) + " to " + app + " (" + view.path("state").asText() + ")");
        print("point its DNS at this server, then check with: fazt domains verify " + app + " "
                + view.path("domain").asText());
        print("the check fetches " + view.path("challengeUrl").asText());
        return 0;
    }

    @Command(name = "list", description = "List an app's domains (or every app's) with state, last check and reason.")
    int list(
            @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "the app (default: all apps)")
                    String app,
            @Option(names = "--json", description = "print the server's JSON: {\"domains\": [...]}") boolean json) {
        AdminClient.Reply reply =
                admin().get(app == null ? AdminClient.path("domains") : AdminClient.path("apps", app, "domains"));
        if (json) {
            return print(reply.body());
        }
        JsonNode domains = reply.json().path("domains");
        if (domains.isEmpty()) {
            return print(
                    app == null
                            ? "no custom domains; map one with: fazt domains add APP DOMAIN"
                            : "no custom domains on " + app + "; map one with: fazt domains add " + app + " DOMAIN");
        }
        Map<String, JsonNode> certificates = certificates();
        Table table = certificates.isEmpty()
                ? new Table("domain", "app", "state", "verified", "checked", "reason")
                : new Table(
                        "domain", "app", "state", "verified", "checked", "reason", "certificate", "expires", "issuer");
        for (JsonNode d : domains) {
            List<String> row = new ArrayList<>(List.of(
                    shown(d),
                    d.path("app").asText(),
                    d.path("state").asText(),
                    Table.time(d.path("verifiedAt").asText(null)),
                    Table.time(d.path("checkedAt").asText(null)),
                    d.path("reason").asText("-")));
            if (!certificates.isEmpty()) {
                JsonNode cert = certificates.get(d.path("domain").asText());
                row.add(cert == null ? "-" : cert.path("state").asText("-"));
                row.add(cert == null ? "-" : Table.time(cert.path("notAfter").asText(null)));
                row.add(cert == null ? "-" : cert.path("issuer").asText("-"));
            }
            table.row(row.toArray(String[]::new));
        }
        table.print(out());
        return 0;
    }

    /**
     * The gateway's certificates by name (ADR 28), or none when the caller may not see them (the list needs admin) or
     * no gateway serves HTTPS: the domain columns are shown either way.
     */
    private Map<String, JsonNode> certificates() {
        try {
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode c :
                    admin().get(AdminClient.path("certificates")).json().path("certificates")) {
                byName.put(c.path("name").asText(), c);
            }
            return byName;
        } catch (CliFailure e) {
            return Map.of();
        }
    }

    @Command(name = "verify", description = "Check a domain now: does it answer at this server?")
    int verify(
            @Parameters(index = "0", paramLabel = "APP", description = "the app") String app,
            @Parameters(index = "1", paramLabel = "DOMAIN", description = "the domain") String domain) {
        JsonNode view = admin().send(
                        "POST",
                        AdminClient.path("apps", app, "domains", domain, "verify"),
                        AdminClient.JSON.createObjectNode())
                .json();
        String state = view.path("state").asText();
        print(shown(view) + ": " + state
                + (view.hasNonNull("reason") ? " (" + view.path("reason").asText() + ")" : ""));
        return "failed".equals(state) ? 1 : 0;
    }

    @Command(name = "remove", description = "Stop serving an app at a domain.")
    int remove(
            @Parameters(index = "0", paramLabel = "APP", description = "the app") String app,
            @Parameters(index = "1", paramLabel = "DOMAIN", description = "the domain") String domain) {
        admin().delete(AdminClient.path("apps", app, "domains", domain));
        return print("removed " + domain + " from " + app);
    }

    /** The domain as typed by people: its Unicode form, with the ASCII form beside it when they differ. */
    private static String shown(JsonNode view) {
        String ascii = view.path("domain").asText();
        String display = view.path("display").asText(ascii);
        return display.equals(ascii) ? ascii : display + " (" + ascii + ")";
    }
}
