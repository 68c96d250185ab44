package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt hooks list|create|delete}: an app's webhook endpoints. */
@Command(
        name = "hooks",
        description = {
            "Manage an app's webhooks: each has a secret, unguessable URL",
            "https://<app host>/_fazt/hooks/<id>; deliveries reach the app's code at /api/hooks/<name>."
        },
        footer = {
            "",
            "Examples:",
            "  fazt hooks list blog",
            "  fazt hooks create blog github --secret @gh-secret.txt        (checks X-Hub-Signature-256)",
            "  fazt hooks create blog stripe --signature stripe --secret -  (Stripe-Signature; secret from stdin)",
            "  fazt hooks delete blog github",
            "",
            "A secret is stored encrypted and never shown again."
        })
final class HooksCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        throw missingCommand("list, create or delete");
    }

    @Command(name = "list", description = "List an app's webhooks and their URLs.")
    int list(
            @Parameters(paramLabel = "NAME", description = "the app") String name,
            @Option(names = "--json", description = "print the server's JSON: {\"hooks\": [...]}") boolean json) {
        AdminClient admin = admin();
        AdminClient.Reply reply = admin.get(AdminClient.path("apps", name, "hooks"));
        if (json) {
            return print(reply.body());
        }
        JsonNode hooks = reply.json().path("hooks");
        if (hooks.isEmpty()) {
            return print("no webhooks on " + name + "; create one with: fazt hooks create " + name + " HOOK");
        }
        Table table = new Table("name", "signature", "url", "created");
        for (JsonNode h : hooks) {
            table.row(
                    h.path("name").asText(),
                    h.path("signature").asText(),
                    url(admin, h),
                    Table.time(h.path("createdAt").asText(null)));
        }
        table.print(out());
        return 0;
    }

    @Command(
            name = "create",
            description = {
                "Create a webhook. With --secret, deliveries must be signed with it",
                "(HMAC-SHA256; --signature github by default, or stripe). SECRET as written, @FILE, or - for stdin."
            })
    int create(
            @Parameters(index = "0", paramLabel = "NAME", description = "the app") String name,
            @Parameters(index = "1", paramLabel = "HOOK", description = "the hook's name: the app sees /api/hooks/HOOK")
                    String hook,
            @Option(names = "--secret", paramLabel = "SECRET", description = "the shared signing secret") String secret,
            @Option(names = "--signature", paramLabel = "SCHEME", description = "none, github or stripe")
                    String signature) {
        ObjectNode body = AdminClient.JSON.createObjectNode().put("name", hook);
        if (secret != null) {
            body.put(
                    "secret",
                    EnvAssignment.parseAll(
                                    List.of("HOOK_SECRET=" + secret),
                                    Fazt.of(spec).stdin())
                            .getFirst()
                            .value());
        }
        if (signature != null) {
            body.put("signature", signature);
        }
        AdminClient admin = admin();
        JsonNode created = admin.send("POST", AdminClient.path("apps", name, "hooks"), body)
                .json()
                .path("hook");
        return print("created webhook " + hook + " on " + name + " ("
                + created.path("signature").asText() + "): " + url(admin, created));
    }

    @Command(name = "delete", description = "Delete a webhook (by name or id); its URL stops answering.")
    int delete(
            @Parameters(index = "0", paramLabel = "NAME", description = "the app") String name,
            @Parameters(index = "1", paramLabel = "HOOK", description = "the hook's name or id") String hook) {
        admin().delete(AdminClient.path("apps", name, "hooks", hook));
        return print("deleted webhook " + hook + " on " + name);
    }

    /** The hook's URL with the scheme and port of the server the CLI talks to. */
    private static String url(AdminClient admin, JsonNode hook) {
        return admin.login().server().siteUrl(hook.path("host").asText()).replaceAll("/$", "")
                + hook.path("path").asText();
    }
}
