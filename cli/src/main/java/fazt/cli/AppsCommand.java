package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt apps ...}: list, inspect, delete, rename and clone apps. */
@Command(name = "apps", description = "List and manage the apps on the server.",
        footer = {"", "Examples:", "  fazt apps list", "  fazt apps info blog", "  fazt apps clone blog blog-preview --version 3",
                "  fazt apps delete old-site --yes"})
final class AppsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: list, info, delete, rename or clone");
    }

    @Command(name = "list", description = "List the apps with their live version, size and URL.")
    int list(@Option(names = "--json", description = "print the server's JSON: {\"apps\": [...]}") boolean json) {
        AdminClient admin = admin();
        AdminClient.Reply reply = admin.get(AdminClient.path("apps"));
        if (json) {
            return print(reply.body());
        }
        JsonNode apps = reply.json().path("apps");
        if (apps.isEmpty()) {
            return print("no apps yet; deploy a directory with: fazt deploy DIR");
        }
        AppView.table(admin.login().server(), apps).print(out());
        return 0;
    }

    @Command(name = "info", description = "Show one app: URL, live version, files, dates.")
    int info(@Parameters(paramLabel = "NAME", description = "the app") String name,
             @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient admin = admin();
        AdminClient.Reply reply = admin.get(AdminClient.path("apps", name));
        if (json) {
            return print(reply.body());
        }
        AppView.details(out(), admin.login().server(), reply.json());
        return 0;
    }

    @Command(name = "delete", description = {"Delete an app with all its versions and files. This cannot be undone.",
            "Asks for confirmation on a terminal; scripts must pass --yes."})
    int delete(@Parameters(paramLabel = "NAME", description = "the app") String name,
               @Option(names = {"--yes", "-y"}, description = "do not ask for confirmation") boolean yes) {
        AdminClient admin = admin();
        if (!yes) {
            Console console = Terminal.console();
            if (console == null) {
                throw new CliFailure("not deleting " + name + " without --yes (no terminal to ask on)");
            }
            String answer = console.readLine("Delete app %s on %s with all its versions? [y/N] ", name,
                    admin.login().server().uri());
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                throw new CliFailure("not deleted");
            }
        }
        admin.delete(AdminClient.path("apps", name));
        return print("deleted " + name);
    }

    @Command(name = "rename", description = {"Give an app a new name, and so a new host: NEW.<domain>.",
            "The old host stops serving it."})
    int rename(@Parameters(index = "0", paramLabel = "NAME", description = "the app") String name,
               @Parameters(index = "1", paramLabel = "NEW", description = "its new name (a-z, 0-9, -)") String newName,
               @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient admin = admin();
        ObjectNode body = AdminClient.JSON.createObjectNode().put("name", newName);
        AdminClient.Reply reply = admin.send("PATCH", AdminClient.path("apps", name), body);
        if (json) {
            return print(reply.body());
        }
        return print("renamed " + name + " to " + reply.json().path("name").asText(newName) + ": "
                + AppView.url(admin.login().server(), reply.json()));
    }

    @Command(name = "clone", description = {"Copy an app's live version (or --version N) to a new app NEW.",
            "Files are shared on the server, so a clone costs almost no space."})
    int cloneApp(@Parameters(index = "0", paramLabel = "NAME", description = "the app to copy") String name,
                 @Parameters(index = "1", paramLabel = "NEW", description = "the new app's name (a-z, 0-9, -)") String newName,
                 @Option(names = "--version", paramLabel = "N", description = "copy version N instead of the live one") Integer version,
                 @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient admin = admin();
        ObjectNode body = AdminClient.JSON.createObjectNode().put("as", newName);
        if (version != null) {
            body.put("version", version);
        }
        AdminClient.Reply reply = admin.send("POST", AdminClient.path("apps", name, "clone"), body);
        if (json) {
            return print(reply.body());
        }
        JsonNode app = reply.json().path("app");
        return print("cloned " + name + (version != null ? " version " + version : "") + " as "
                + app.path("name").asText(newName) + ": " + AppView.url(admin.login().server(), app));
    }

    private AdminClient admin() {
        return Fazt.of(spec).admin();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int print(String line) {
        PrintWriter out = out();
        out.println(line);
        out.flush();
        return 0;
    }
}
