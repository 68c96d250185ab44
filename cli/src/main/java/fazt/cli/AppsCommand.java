package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt apps ...}: list, inspect, delete, rename and clone apps. */
@Command(
        name = "apps",
        description = "List and manage the apps on the server.",
        footer = {
            "",
            "Examples:",
            "  fazt apps list",
            "  fazt apps info blog",
            "  fazt apps clone blog blog-preview --version 3",
            "  fazt apps delete old-site --yes",
            "  fazt apps metrics blog",
            "  fazt apps requests blog --errors"
        })
final class AppsCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        throw missingCommand("list, info, delete, rename, clone, metrics or requests");
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
    int info(
            @Parameters(paramLabel = "NAME", description = "the app") String name,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient admin = admin();
        AdminClient.Reply reply = admin.get(AdminClient.path("apps", name));
        if (json) {
            return print(reply.body());
        }
        AppView.details(out(), admin.login().server(), reply.json());
        return 0;
    }

    @Command(
            name = "delete",
            description = {
                "Delete an app with all its versions and files. This cannot be undone.",
                "Asks for confirmation on a terminal; scripts must pass --yes."
            })
    int delete(
            @Parameters(paramLabel = "NAME", description = "the app") String name,
            @Option(
                            names = {"--yes", "-y"},
                            description = "do not ask for confirmation")
                    boolean yes) {
        AdminClient admin = admin();
        if (!yes) {
            Console console = Terminal.console();
            if (console == null) {
                throw new CliFailure("not deleting " + name + " without --yes (no terminal to ask on)");
            }
            String answer = console.readLine(
                    "Delete app %s on %s with all its versions? [y/N] ",
                    name, admin.login().server().uri());
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                throw new CliFailure("not deleted");
            }
        }
        admin.delete(AdminClient.path("apps", name));
        return print("deleted " + name);
    }

    @Command(
            name = "rename",
            description = {"Give an app a new name, and so a new host: NEW.<domain>.", "The old host stops serving it."
            })
    int rename(
            @Parameters(index = "0", paramLabel = "NAME", description = "the app") String name,
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

    @Command(
            name = "clone",
            description = {
                "Copy an app's live version (or --version N) to a new app NEW.",
                "Files are shared on the server, so a clone costs almost no space."
            })
    int cloneApp(
            @Parameters(index = "0", paramLabel = "NAME", description = "the app to copy") String name,
            @Parameters(index = "1", paramLabel = "NEW", description = "the new app's name (a-z, 0-9, -)")
                    String newName,
            @Option(names = "--version", paramLabel = "N", description = "copy version N instead of the live one")
                    Integer version,
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
                + app.path("name").asText(newName) + ": "
                + AppView.url(admin.login().server(), app));
    }

    @Command(
            name = "metrics",
            description = {
                "Show how an app's server code did over the last hour and day:",
                "requests, errors (status 500 and above), cold starts, p50 and p95 duration."
            })
    int metrics(
            @Parameters(paramLabel = "NAME", description = "the app") String name,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient.Reply reply = admin().get(AdminClient.path("apps", name, "metrics"));
        if (json) {
            return print(reply.body());
        }
        Table table = new Table("window", ">requests", ">errors", ">cold", ">p50", ">p95");
        String note = null;
        for (String window : List.of("1h", "24h")) {
            JsonNode w = reply.json().path(window);
            table.row(
                    window,
                    w.path("requests").asText("0"),
                    w.path("errors").asText("0"),
                    w.path("coldStarts").asText("0"),
                    millis(w.path("p50Ms")),
                    millis(w.path("p95Ms")));
            if (w.path("sampled").asBoolean(false)) {
                note = "(" + window + ": errors, cold starts and percentiles estimated from the latest "
                        + w.path("sampleSize").asText() + " requests)";
            }
        }
        table.print(out());
        return note == null ? 0 : print(note);
    }

    @Command(
            name = "requests",
            description = {
                "List an app's most recent requests to its server code, newest first,",
                "with the error of each failed one."
            })
    int requests(
            @Parameters(paramLabel = "NAME", description = "the app") String name,
            @Option(names = "--errors", description = "only failed requests (status 500 and above)") boolean errors,
            @Option(
                            names = "--limit",
                            paramLabel = "N",
                            defaultValue = "20",
                            description = "how many (1 to 1000, default ${DEFAULT-VALUE})")
                    int limit,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        String query = "?limit=" + limit + (errors ? "&status=error" : "");
        AdminClient.Reply reply = admin().get(AdminClient.path("apps", name, "requests") + query);
        if (json) {
            return print(reply.body());
        }
        JsonNode requests = reply.json().path("requests");
        if (requests.isEmpty()) {
            return print(errors ? "no failed requests recorded" : "no requests recorded");
        }
        Table table = new Table("time", ">status", "method", "path", ">ms", "cold", "request", "error");
        requests.forEach(r -> table.row(
                Table.time(r.path("at").asText(null)),
                r.path("status").asText(),
                r.path("method").asText(),
                r.path("path").asText(),
                r.path("durationMs").asText(),
                r.path("cold").asBoolean() ? "cold" : "",
                r.path("requestId").asText(""),
                firstLine(r.path("error").asText(""))));
        table.print(out());
        return 0;
    }

    private static String millis(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText() + " ms";
    }

    /** The first line of an error, cut to 100 characters: the whole detail is in --json. */
    private static String firstLine(String error) {
        String line = error.lines().findFirst().orElse("");
        return line.length() <= 100 ? line : line.substring(0, 99) + "…";
    }
}
