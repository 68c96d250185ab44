package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt schedules NAME}: the app's cron and interval schedules with their last and next run. */
@Command(name = "schedules", description = {"List an app's schedules (the \"cron\" of its live fazt.json) with their "
        + "last and next run."}, footer = {"", "Example:", "  fazt schedules blog"})
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
                    + every(policy.path("backoffMillis").asLong()) + ", at most " + policy.path("concurrency").asInt()
                    + " at once, timeout " + every(policy.path("timeoutMillis").asLong()));
        }
        if (schedules.isEmpty()) {
            out.println("no schedules on " + name + "; declare them in fazt.json, e.g. \"cron\": [{\"every\": \"1h\"}]");
            out.flush();
            return 0;
        }
        Table table = new Table("name", "when", "catchup", "last run", "last status", "next run");
        for (JsonNode s : schedules) {
            String when = s.hasNonNull("cron") ? s.path("cron").asText() + " (" + s.path("tz").asText() + ")"
                    : "every " + every(s.path("everyMillis").asLong());
            table.row(s.path("name").asText(), when, s.path("catchup").asText(), Table.time(s.path("lastRun").asText(null)),
                    s.path("lastStatus").asText("-"), Table.time(s.path("nextRun").asText(null)));
        }
        table.print(out);
        return 0;
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
