package fazt.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt rollback}: make an earlier version of an app live again. */
@Command(
        name = "rollback",
        description = {
            "Make an earlier version of an app live again, at once.",
            "Without --to, the version before the live one. Nothing is deleted, so you",
            "can roll forward the same way; 'fazt versions NAME' lists the versions."
        })
final class RollbackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the app")
    String name;

    @Option(names = "--to", paramLabel = "N", description = "the version to make live (default: the previous one)")
    Integer version;

    @Option(names = "--json", description = "print the server's JSON answer")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AdminClient admin = Fazt.of(spec).admin();
        ObjectNode body = AdminClient.JSON.createObjectNode();
        if (version != null) {
            body.put("version", version);
        }
        AdminClient.Reply reply = admin.send("POST", AdminClient.path("apps", name, "rollback"), body);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(reply.body());
        } else {
            out.println(name + ": version " + reply.json().path("version").asText("?") + " is live at "
                    + AppView.url(admin.login().server(), reply.json().path("app")));
        }
        out.flush();
        return 0;
    }
}
