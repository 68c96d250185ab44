package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt env ...}: list, set and unset an app's env vars and secrets. */
@Command(
        name = "env",
        description = {
            "Manage an app's env vars and secrets; its server code reads them from env.",
            "A change reaches the running app on its next request, without a redeploy."
        },
        footer = {
            "",
            "Examples:",
            "  fazt env list blog",
            "  fazt env set blog GREETING=hello MODE=prod",
            "  fazt env set blog STRIPE_KEY=@stripe.key --secret     (value from a file)",
            "  pass show stripe | fazt env set blog STRIPE_KEY=- --secret   (value from stdin)",
            "  fazt env unset blog MODE",
            "",
            "Secret values are stored encrypted and never shown again; listings print ••••••."
        })
final class EnvCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        throw missingCommand("list, set or unset");
    }

    @Command(name = "list", description = "List an app's env vars (secret values masked).")
    int list(
            @Parameters(paramLabel = "NAME", description = "the app") String name,
            @Option(names = "--json", description = "print the server's JSON: {\"env\": [...]}") boolean json) {
        AdminClient.Reply reply = admin().get(AdminClient.path("apps", name, "env"));
        if (json) {
            return print(reply.body());
        }
        JsonNode env = reply.json().path("env");
        if (env.isEmpty()) {
            return print("no env vars on " + name + "; set one with: fazt env set " + name + " KEY=VALUE");
        }
        Table table = new Table("key", "secret", "updated", "value");
        for (JsonNode var : env) {
            table.row(
                    var.path("key").asText(),
                    var.path("secret").asBoolean() ? "yes" : "no",
                    Table.time(var.path("updatedAt").asText(null)),
                    var.path("value").asText());
        }
        table.print(out());
        return 0;
    }

    @Command(
            name = "set",
            description = {
                "Set one or more env vars of an app.",
                "VALUE as written, @FILE to read it from a file, - to read it from stdin (@@x for a literal @x).",
                "A value read from a file or stdin loses one trailing line break."
            })
    int set(
            @Parameters(index = "0", paramLabel = "NAME", description = "the app") String name,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "the vars to set")
                    List<String> assignments,
            @Option(names = "--secret", description = "store them as secrets: masked in listings") boolean secret) {
        List<EnvAssignment> parsed =
                EnvAssignment.parseAll(assignments, Fazt.of(spec).stdin());
        AdminClient admin = admin();
        for (EnvAssignment var : parsed) {
            ObjectNode body = AdminClient.JSON
                    .createObjectNode()
                    .put("value", var.value())
                    .put("secret", secret);
            AdminClient.Reply reply = admin.send("PUT", AdminClient.path("apps", name, "env", var.key()), body);
            print((reply.status() == 201 ? "set " : "updated ") + (secret ? "secret " : "") + var.key() + " on "
                    + name);
        }
        return 0;
    }

    @Command(name = "unset", description = "Remove env vars from an app.")
    int unset(
            @Parameters(index = "0", paramLabel = "NAME", description = "the app") String name,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "the vars to remove")
                    List<String> keys) {
        AdminClient admin = admin();
        for (String key : keys) {
            admin.delete(AdminClient.path("apps", name, "env", key));
            print("unset " + key + " on " + name);
        }
        return 0;
    }
}
