package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fazt doctor}: the server's {@code GET /api/doctor} report, one line per check (OK, WARN or FAIL, what was
 * measured, and for a WARN or FAIL what to do). Exit 1 on any FAIL, also when the admin API cannot be reached; WARN
 * alone exits 0.
 */
@Command(
        name = "doctor",
        description = "Check the whole installation: NATS, every service, databases, clocks, disks, certificates, "
                + "domains' DNS (exit 1 on any FAIL; WARN alone exits 0).")
final class DoctorCommand implements Callable<Integer> {
    /** The server finishes within 10 s; this leaves room for a slow network. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final int NAME_WIDTH = 28;

    @Option(names = "--json", description = "print the server's JSON report")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode report;
        String where = "the server";
        try {
            AdminClient admin = Fazt.of(spec).admin();
            where = admin.login().server().uri().toString();
            report = admin.get(AdminClient.path("doctor"), TIMEOUT).json();
        } catch (CliFailure e) {
            report = unreachable(e.getMessage());
        }
        if (json) {
            out.println(report.toPrettyString());
        } else {
            print(out, where, report);
        }
        out.flush();
        return "FAIL".equals(report.path("status").asText()) ? 1 : 0;
    }

    /** The report of a run that never reached the server: one FAIL naming why. */
    static JsonNode unreachable(String why) {
        ObjectNode report = AdminClient.JSON.createObjectNode();
        report.put("status", "FAIL");
        ArrayNode checks = report.putArray("checks");
        ObjectNode check = checks.addObject();
        check.put("area", "admin-api");
        check.put("name", "-");
        check.put("status", "FAIL");
        check.put("measured", why);
        check.put("advice", "check the URL and your login (fazt whoami), and that the gateway runs (fazt status)");
        return report;
    }

    static void print(PrintWriter out, String where, JsonNode report) {
        out.println("fazt doctor: " + where
                + (report.hasNonNull("checkedAt")
                        ? ", " + report.get("checkedAt").asText() + " by gateway "
                                + report.path("checkedBy").asText("?")
                        : ""));
        out.println();
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("OK", 0, "WARN", 0, "FAIL", 0));
        for (JsonNode check : report.path("checks")) {
            String status = check.path("status").asText();
            counts.merge(status, 1, Integer::sum);
            String name = check.path("name").asText();
            out.printf(
                    "%-4s  %-11s %-" + NAME_WIDTH + "s %s%n",
                    status,
                    check.path("area").asText(),
                    name,
                    check.path("measured").asText(""));
            if (check.hasNonNull("advice") && !"OK".equals(status)) {
                out.println("      → " + check.get("advice").asText());
            }
        }
        out.println();
        out.println(counts.get("OK") + " OK, " + counts.get("WARN") + " WARN, " + counts.get("FAIL") + " FAIL: "
                + report.path("status").asText());
    }
}
