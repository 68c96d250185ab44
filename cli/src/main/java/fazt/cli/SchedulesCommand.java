package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt schedules NAME}: the app's cron and interval schedules with their last and next run. */
@Command(
        name = "schedules",
        description = {
            "List an app's schedules (the \"cron\" of its live fazt.json) with their "
                    + "last and next run, its run policy, and the async paths and intake limits it declares."
        },
        footer = {"", "Example:", "  fazt schedules blog"})
final class SchedulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "the app")
    String name;

    @Option(names = "--json", description = "print the server's JSON: {\"schedules\": [...]}")
    boolean json;

    @Override
    public Integer call() {
        AdminClient.Reply reply = Fazt.of(spec).admin().get(AdminClient.path("apps", name, "schedules"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(reply.body());
            out.flush();
            return 0;
        }
        JsonNode schedules = reply.json().path("schedules");
        JsonNode policy = reply.json().path("policy");
        if (policy.isObject()) {
            out.println("runs: " + policy.path("attempts").asInt() + " attempts, backoff from "
                    + every(policy.path("backoffMillis").asLong()) + ", at most "
                    + policy.path("concurrency").asInt()
                    + " at once, timeout " + every(policy.path("timeoutMillis").asLong()));
        }
        JsonNode intake = reply.json().path("intake");
        if (intake.isObject()) {
            List<String> async = new ArrayList<>();
            intake.path("async").forEach(p -> async.add(p.asText()));
            out.println("async: "
                    + (async.isEmpty()
                            ? "none (declare paths in fazt.json, e.g. \"async\": [\"resize\"])"
                            : String.join(", ", async))
                    + "; from outside at most " + intake.path("perMinute").asInt()
                    + " a minute (burst " + intake.path("burst").asInt() + "), payloads kept "
                    + size(intake.path("storedBytes").asLong()) + " of "
                    + size(intake.path("maxStoredBytes").asLong()));
        }
        if (schedules.isEmpty()) {
            out.println(
                    "no schedules on " + name + "; declare them in fazt.json, e.g. \"cron\": [{\"every\": \"1h\"}]");
            out.flush();
            return 0;
        }
        Table table = new Table("name", "when", "catchup", "last run", "last status", "next run");
        for (JsonNode s : schedules) {
            String when = s.hasNonNull("cron")
                    ? s.path("cron").asText() + " (" + s.path("tz").asText() + ")"
                    : "every " + every(s.path("everyMillis").asLong());
            table.row(
                    s.path("name").asText(),
                    when,
                    s.path("catchup").asText(),
                    Table.time(s.path("lastRun").asText(null)),
                    s.path("lastStatus").asText("-"),
                    Table.time(s.path("nextRun").asText(null)));
        }
        table.print(out);
        return 0;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    static String every(long millis) {
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }
}
