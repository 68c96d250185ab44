package fazt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt versions}: an app's deployed versions, newest first. */
@Command(
        name = "versions",
        description = {
            "List an app's versions, newest first; * marks the live one.",
            "Any of them can be made live again with 'fazt rollback NAME --to N'."
        })
final class VersionsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the app")
    String name;

    @Option(names = "--json", description = "print the server's JSON: {\"versions\": [...]}")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AdminClient.Reply reply = Fazt.of(spec).admin().get(AdminClient.path("apps", name, "versions"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(reply.body());
        } else {
            Table table = new Table("live", ">version", ">files", ">size", "created");
            reply.json()
                    .path("versions")
                    .forEach(v -> table.row(
                            v.path("live").asBoolean() ? "*" : "",
                            v.path("version").asText(),
                            v.path("files").asText("-"),
                            Table.size(v.path("bytes").asLong()),
                            Table.time(v.path("createdAt").asText(null))));
            table.print(out);
        }
        out.flush();
        return 0;
    }
}
