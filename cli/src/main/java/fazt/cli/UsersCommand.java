package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt users ...}: list, create, disable, enable and delete accounts (admins). */
@Command(
        name = "users",
        description = "List and manage the accounts of the people who run this server.",
        footer = {
            "",
            "Examples:",
            "  fazt users create bob --role developer      (asks for a password)",
            "  fazt users disable bob",
            "  fazt users delete bob --apps transfer:ana"
        })
final class UsersCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        throw missingCommand("list, create, disable, enable or delete");
    }

    @Command(name = "list", description = "List the accounts.")
    int list(@Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient.Reply reply = admin().get(AdminClient.path("users"));
        if (json) {
            return print(reply.body());
        }
        Table table = new Table("username", "role", "status", "email", "id");
        for (JsonNode u : reply.json().path("users")) {
            table.row(
                    u.path("username").asText(),
                    u.path("role").asText(),
                    u.path("disabled").asBoolean() ? "disabled" : "active",
                    u.path("email").asText(""),
                    u.path("id").asText());
        }
        table.print(spec.commandLine().getOut());
        return 0;
    }

    @Command(
            name = "create",
            description = "Create an account. The password is asked for, or read from $FAZT_NEW_PASSWORD.")
    int create(
            @Parameters(paramLabel = "USERNAME") String username,
            @Option(
                            names = "--role",
                            paramLabel = "ROLE",
                            defaultValue = "developer",
                            description = "admin or developer (default: ${DEFAULT-VALUE})")
                    String role,
            @Option(names = "--email", paramLabel = "EMAIL") String email) {
        String password = Fazt.of(spec).env().get("FAZT_NEW_PASSWORD");
        if (password == null) {
            Console console = Terminal.console();
            if (console == null) {
                throw new CliFailure("no password: set FAZT_NEW_PASSWORD or run on a terminal");
            }
            char[] typed = console.readPassword("Password for %s (10 characters or more): ", username);
            password = typed == null ? "" : new String(typed);
        }
        ObjectNode body = AdminClient.JSON
                .createObjectNode()
                .put("username", username)
                .put("password", password)
                .put("role", role);
        if (email != null) {
            body.put("email", email);
        }
        JsonNode user =
                admin().send("POST", AdminClient.path("users"), body).json().path("user");
        return print("created " + user.path("role").asText() + " "
                + user.path("username").asText() + " (" + user.path("id").asText() + ")");
    }

    @Command(
            name = "disable",
            description = "Disable an account: its sessions end and its tokens stop working at once.")
    int disable(@Parameters(paramLabel = "USER", description = "username or id") String user) {
        admin().send("POST", AdminClient.path("users", user, "disable"), AdminClient.JSON.createObjectNode());
        return print("disabled " + user);
    }

    @Command(name = "enable", description = "Enable a disabled account again (its tokens work again; sessions do not).")
    int enable(@Parameters(paramLabel = "USER", description = "username or id") String user) {
        admin().send("POST", AdminClient.path("users", user, "enable"), AdminClient.JSON.createObjectNode());
        return print("enabled " + user);
    }

    @Command(
            name = "delete",
            description = {
                "Delete an account. If it owns apps, say what happens to them:",
                "--apps transfer:ADMIN hands them to that admin, --apps delete deletes them."
            })
    int delete(
            @Parameters(paramLabel = "USER", description = "username or id") String user,
            @Option(
                            names = "--apps",
                            paramLabel = "transfer:ADMIN|delete",
                            description = "what happens to the user's apps (required when the user owns any)")
                    String apps) {
        if (apps != null && !apps.equals("delete") && !apps.matches("transfer:[A-Za-z0-9._-]+")) {
            throw new CliFailure("--apps must be transfer:ADMIN or delete");
        }
        JsonNode settled = admin().delete(AdminClient.path("users", user) + (apps == null ? "" : "?apps=" + apps))
                .json()
                .path("apps");
        List<String> names = new ArrayList<>();
        settled.path("names").forEach(n -> names.add(n.asText()));
        String what = names.isEmpty()
                ? "no apps"
                : (apps != null && apps.equals("delete")
                                ? "deleted "
                                : "handed to " + apps.substring("transfer:".length()) + ": ")
                        + String.join(", ", names);
        return print("deleted " + user + " (" + what + ")");
    }
}
