package fazt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt logout}: forget a saved server and its token. */
@Command(name = "logout",
        description = {"Forget a saved server and its token (the token stays valid on the server).",
                "Without NAME, forgets the current server; the next saved one becomes current."})
final class LogoutCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the saved server (see 'fazt servers')")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Fazt fazt = Fazt.of(spec);
        ConfigStore config = fazt.config();
        String target = name != null ? name : fazt.server != null ? fazt.server : config.current();
        if (target == null) {
            throw new CliFailure("not logged in to any server");
        }
        config.find(target);
        config.remove(target);
        PrintWriter out = spec.commandLine().getOut();
        String current = config.current();
        out.println("logged out of '" + target + "'" + (current == null ? "" : "; current server: '" + current + "'"));
        out.flush();
        return 0;
    }
}
