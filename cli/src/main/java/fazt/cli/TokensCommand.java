package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt tokens ...}: list, create and revoke API tokens. */
@Command(
        name = "tokens",
        description = "List, create and revoke API tokens.",
        footer = {
            "",
            "Scopes: admin, read, deploy:*, deploy:APP, logs:*, logs:APP.",
            "",
            "Examples:",
            "  fazt tokens create ci-blog --scope deploy:blog --expires-in 90",
            "  fazt tokens list",
            "  fazt tokens revoke t_k3v9q2m7x4bz"
        })
final class TokensCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        throw missingCommand("list, create or revoke");
    }

    @Command(
            name = "list",
            description = "List your tokens (--all: everyone's, for admins). Secrets are never shown again.")
    int list(
            @Option(names = "--all", description = "every user's tokens (admin)") boolean all,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient.Reply reply = admin().get(AdminClient.path("tokens") + (all ? "?all=true" : ""));
        if (json) {
            return print(reply.body());
        }
        Table table = new Table("id", "name", "scopes", "status", "expires", "last used");
        for (JsonNode t : reply.json().path("tokens")) {
            List<String> scopes = new ArrayList<>();
            t.path("scopes").forEach(s -> scopes.add(s.asText()));
            table.row(
                    t.path("id").asText(),
                    t.path("name").asText(),
                    String.join(",", scopes),
                    t.path("status").asText(),
                    t.path("expiresAt").asText("never"),
                    t.path("lastUsedAt").asText("never"));
        }
        table.print(spec.commandLine().getOut());
        return 0;
    }

    @Command(
            name = "create",
            description = {
                "Create a token and print it once. It carries the server URL:",
                "'fazt login TOKEN' on another machine needs nothing else."
            })
    int create(
            @Parameters(paramLabel = "NAME", description = "what the token is for, e.g. ci-blog") String name,
            @Option(
                            names = "--scope",
                            paramLabel = "SCOPE",
                            required = true,
                            description = "a scope (repeatable): admin, read, deploy:*, deploy:APP, logs:*, logs:APP")
                    List<String> scopes,
            @Option(
                            names = "--expires-in",
                            paramLabel = "DAYS",
                            description = "expire after DAYS days (default: never)")
                    Integer days,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        ObjectNode body = AdminClient.JSON.createObjectNode().put("name", name);
        ArrayNode list = body.putArray("scopes");
        scopes.forEach(list::add);
        if (days != null) {
            body.put("expiresInDays", days);
        }
        AdminClient.Reply reply = admin().send("POST", AdminClient.path("tokens"), body);
        if (json) {
            return print(reply.body());
        }
        print(reply.json().path("token").asText());
        spec.commandLine()
                .getErr()
                .println("created token " + reply.json().path("id").asText()
                        + "; it is shown only now, store it safely");
        spec.commandLine().getErr().flush();
        return 0;
    }

    @Command(name = "revoke", description = "Revoke a token; it stops working everywhere within seconds.")
    int revoke(
            @Parameters(paramLabel = "ID", description = "the token's id (t_...), see 'fazt tokens list'") String id) {
        admin().delete(AdminClient.path("tokens", id));
        return print("revoked " + id);
    }
}
