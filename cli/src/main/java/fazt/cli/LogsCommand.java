package fazt.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt logs}: what an app's code logged ({@code console.*}) and its uncaught errors. */
@Command(
        name = "logs",
        description = {
            "Print an app's log: console output and uncaught errors of its server code,",
            "as 'time level [request] message', oldest first. Kept 7 days."
        },
        footer = {
            "",
            "Examples:",
            "  fazt logs blog",
            "  fazt logs blog -f --level warn",
            "  fazt logs blog --since 2d --json"
        })
final class LogsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the app")
    String name;

    @Option(
            names = {"-f", "--follow"},
            description = "keep printing new lines as they come (Ctrl-C to stop)")
    boolean follow;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "start this long ago (30s, 10m, 2h, 7d) or at an instant (2026-05-01T12:00:00Z);"
                    + " default: the last hour")
    String since;

    @Option(
            names = "--level",
            paramLabel = "LEVEL",
            description = "only this level and above: debug, info, warn, error")
    String level;

    @Option(names = "--json", description = "print each line as the server's JSON object, one per line")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String from = since == null ? null : Since.parse(since);
        if (level != null && !level.strip().toLowerCase(Locale.ROOT).matches("debug|info|warn|warning|error")) {
            throw new CliFailure("--level wants debug, info, warn or error; got '" + level + "'");
        }
        AdminClient admin = Fazt.of(spec).admin();
        PrintWriter out = spec.commandLine().getOut();
        LogLineFormat format = new LogLineFormat(ZoneId.systemDefault());
        String path = AdminClient.path("apps", name, "logs");
        new LogTail(
                        query -> admin.get(path + query(query)).json(),
                        line -> {
                            out.println(json ? line.toString() : format.format(line));
                            out.flush();
                        },
                        duration -> Thread.sleep(duration.toMillis()))
                .run(from, level, follow);
        return 0;
    }

    /** {@code ?a=1&b=2}, each value percent-encoded. */
    static String query(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
