package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt runs ...}: an app's background runs (cron, interval, async, webhook, email), one run's attempts, replays. */
@Command(
        name = "runs",
        description = {
            "List an app's background runs: cron and interval ticks, async requests, "
                    + "webhook deliveries and received mail, newest first.",
            "'show' prints one run with its attempts and console output; 'replay' "
                    + "runs it again with the same payload."
        },
        footer = {
            "",
            "Examples:",
            "  fazt runs blog",
            "  fazt runs blog --status failed --trigger cron",
            "  fazt runs show r_5XbLq0f3NnQm2k8sT1vW9a",
            "  fazt runs replay r_5XbLq0f3NnQm2k8sT1vW9a",
            "",
            "Statuses: queued, running, retrying, succeeded, failed (every attempt failed), refused (a webhook",
            "whose signature did not verify). Triggers: cron, interval, async, webhook, email."
        })
final class RunsCommand extends AdminCommandGroup implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the app")
    String name;

    @Option(names = "--status", paramLabel = "STATUS", description = "only runs in this status")
    String status;

    @Option(names = "--trigger", paramLabel = "TRIGGER", description = "only runs of this trigger")
    String trigger;

    @Option(names = "--limit", paramLabel = "N", description = "at most N runs (default 50, at most 200)")
    Integer limit;

    @Option(
            names = "--cursor",
            paramLabel = "RUN",
            description = "the page after this run (as printed after a full page)")
    String cursor;

    @Option(names = "--json", description = "print the server's JSON: {\"runs\": [...], \"nextCursor\": ...}")
    boolean json;

    @Override
    public Integer call() {
        if (name == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing app NAME (or: show ID, replay ID)");
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        add(query, "status", status);
        add(query, "trigger", trigger);
        add(query, "limit", limit == null ? null : limit.toString());
        add(query, "cursor", cursor);
        AdminClient.Reply reply = admin().get(AdminClient.path("apps", name, "runs") + query);
        if (json) {
            return print(reply.body());
        }
        JsonNode runs = reply.json().path("runs");
        if (runs.isEmpty()) {
            return print("no runs of " + name + (status != null || trigger != null ? " match" : " yet"));
        }
        Table table = new Table("run", "trigger", "source", "status", "attempts", "created", "finished");
        for (JsonNode r : runs) {
            table.row(
                    r.path("id").asText(),
                    r.path("trigger").asText(),
                    r.path("source").asText(""),
                    r.path("status").asText(),
                    r.path("attempts").asInt() + "/" + r.path("maxAttempts").asInt(),
                    Table.time(r.path("createdAt").asText(null)),
                    Table.time(r.path("finishedAt").asText(null)));
        }
        table.print(out());
        String next = reply.json().path("nextCursor").asText(null);
        if (next != null) {
            print("more: fazt runs " + name + " --cursor " + next);
        }
        return 0;
    }

    @Command(
            name = "show",
            description = "Show one run: its request, every attempt with status, error and console output.")
    int show(
            @Parameters(paramLabel = "ID", description = "the run id") String id,
            @Option(names = "--json", description = "print the server's JSON") boolean asJson) {
        AdminClient.Reply reply = admin().get(AdminClient.path("runs", id));
        if (asJson) {
            return print(reply.body());
        }
        JsonNode run = reply.json().path("run");
        JsonNode payload = reply.json().path("payload");
        PrintWriter out = out();
        out.println("run       " + run.path("id").asText() + " of "
                + run.path("app").asText());
        out.println("trigger   " + run.path("trigger").asText()
                + (run.hasNonNull("source") ? " (" + run.path("source").asText() + ")" : ""));
        out.println("status    " + run.path("status").asText() + ", "
                + run.path("attempts").asInt() + " of "
                + run.path("maxAttempts").asInt() + " attempts");
        if (run.hasNonNull("replayOf")) {
            out.println("replay of " + run.path("replayOf").asText());
        }
        if (run.hasNonNull("error")) {
            out.println("error     " + run.path("error").asText());
        }
        out.println("request   " + payload.path("method").asText() + " "
                + payload.path("url").asText() + " ("
                + Table.size(payload.path("bytes").asLong()) + ")");
        for (JsonNode a : reply.json().path("attempts")) {
            out.println();
            out.println("attempt " + a.path("n").asInt() + ": "
                    + a.path("status").asText()
                    + (a.hasNonNull("httpStatus") ? " " + a.path("httpStatus").asInt() : "")
                    + (a.path("counted").asBoolean(true) ? "" : " (not counted)")
                    + ", " + Table.time(a.path("startedAt").asText(null))
                    + (a.hasNonNull("instance") ? " on " + a.path("instance").asText() : ""));
            if (a.hasNonNull("error")) {
                out.println("  error: " + a.path("error").asText());
            }
            if (a.hasNonNull("log")) {
                a.path("log").asText().lines().forEach(line -> out.println("  | " + line));
            }
        }
        out.flush();
        return 0;
    }

    @Command(name = "replay", description = "Run a run again with the same payload, as a new run with fresh attempts.")
    int replay(@Parameters(paramLabel = "ID", description = "the run id") String id) {
        AdminClient.Reply reply =
                admin().send("POST", AdminClient.path("runs", id, "replay"), AdminClient.JSON.createObjectNode());
        return print("replaying " + id + " as "
                + reply.json().path("run").path("id").asText() + "; follow it with: fazt runs show "
                + reply.json().path("run").path("id").asText());
    }

    private static void add(StringJoiner query, String key, String value) {
        if (value != null) {
            query.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
