package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt mail addresses list|add|remove}: the addresses mail is accepted for, and whose mailbox they reach. */
@Command(
        name = "addresses",
        description = {
            "List, claim and release the addresses mail is accepted for.",
            "Claim one for an app or your own mailbox. Every app also has its private",
            "<app-id>@<mail domain>;",
            "apps claim names at their domains in fazt.json (\"mail\": {\"addresses\": [...]}).",
            "*@example.com claims a domain's catch-all."
        },
        footer = {
            "",
            "Examples:",
            "  fazt mail addresses",
            "  fazt mail addresses list --app shop",
            "  fazt mail addresses add support@example.com --app shop",
            "  fazt mail addresses add '*@example.com'     (catch-all, to your own mailbox)",
            "  fazt mail addresses remove support@example.com"
        })
final class MailAddressesCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        return list(null, false);
    }

    @Command(name = "list", description = "List every address (or one app's, with its mailbox counts).")
    int list(
            @Option(names = "--app", paramLabel = "APP", description = "only this app's addresses") String app,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient.Reply reply = admin().get(
                        app == null ? AdminClient.path("mail", "addresses") : AdminClient.path("apps", app, "mail"));
        if (json) {
            return print(reply.body());
        }
        if (app != null) {
            JsonNode mail = reply.json();
            print(app + " receives at " + mail.path("address").asText() + "; its mailbox holds "
                    + mail.path("total").asLong() + " messages, "
                    + mail.path("unread").asLong() + " unread");
        }
        JsonNode addresses = reply.json().path("addresses");
        if (addresses.isEmpty()) {
            return print(
                    app == null
                            ? "no addresses claimed; claim one with: fazt mail addresses add ADDRESS [--app APP]"
                            : "no other addresses reach " + app);
        }
        Table table = new Table("address", "delivers to", "kind", "since");
        for (JsonNode a : addresses) {
            table.row(
                    a.path("address").asText(),
                    a.hasNonNull("app")
                            ? a.path("app").asText()
                            : a.path("mailbox").asText(),
                    a.path("kind").asText(),
                    Table.time(a.path("createdAt").asText(null)));
        }
        table.print(out());
        return 0;
    }

    @Command(name = "add", description = "Claim an address (or *@domain) for an app, or for your own mailbox.")
    int add(
            @Parameters(paramLabel = "ADDRESS", description = "local@domain, or *@domain for the catch-all")
                    String address,
            @Option(names = "--app", paramLabel = "APP", description = "deliver to this app (default: your mailbox)")
                    String app) {
        ObjectNode body = AdminClient.JSON.createObjectNode().put("address", address);
        if (app != null) {
            body.put("app", app);
        }
        JsonNode view = admin().send("POST", AdminClient.path("mail", "addresses"), body)
                .json();
        return print("claimed " + view.path("address").asText() + " for "
                + (view.hasNonNull("app") ? view.path("app").asText() : "your mailbox") + " ("
                + view.path("kind").asText() + ")");
    }

    @Command(name = "remove", description = "Release a claimed address; mail to it is refused from then on.")
    int remove(@Parameters(paramLabel = "ADDRESS", description = "the address") String address) {
        admin().delete(AdminClient.path("mail", "addresses", address));
        return print("released " + address);
    }
}
