package fazt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fazt servers}: the servers saved by {@code fazt login}, tokens left out. */
@Command(name = "servers", description = "List the servers saved by 'fazt login'; * marks the current one.")
final class ServersCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON: [{\"name\", \"url\", \"current\"}] (no tokens)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConfigStore config = Fazt.of(spec).config();
        List<Login> logins = config.logins();
        String current = config.current();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode list = AdminClient.JSON.createArrayNode();
            logins.forEach(login -> list.addObject()
                    .put("name", login.name())
                    .put("url", login.server().uri().toString())
                    .put("current", login.name().equals(current)));
            out.println(AdminClient.JSON.writeValueAsString(list));
        } else if (logins.isEmpty()) {
            out.println("no saved servers; run: fazt login ADMIN-URL --token TOKEN");
        } else {
            Table table = new Table("", "name", "url");
            logins.forEach(login -> table.row(
                    login.name().equals(current) ? "*" : "",
                    login.name(),
                    login.server().uri()));
            table.print(out);
        }
        out.flush();
        return 0;
    }
}
