package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fazt whoami}: who the server takes this CLI for, and with which scopes. */
@Command(name = "whoami", description = "Show who you are on the current server: name, scopes and credential.")
final class WhoamiCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print the server's JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AdminClient admin = Fazt.of(spec).admin();
        AdminClient.Reply reply = admin.get(AdminClient.path("me"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(reply.body());
        } else {
            JsonNode me = reply.json();
            List<String> scopes = new ArrayList<>();
            me.path("scopes").forEach(s -> scopes.add(s.asText()));
            out.println(
                    me.path("name").asText() + " on " + admin.login().server().uri());
            out.println("  scopes:     " + String.join(" ", scopes));
            out.println("  credential: " + me.path("credential").asText("?") + " (server '"
                    + admin.login().name() + "')");
        }
        out.flush();
        return 0;
    }
}
