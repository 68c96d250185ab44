package fazt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt logout}: forget a saved server and its token, and with {@code --revoke} revoke the token too. */
@Command(
        name = "logout",
        description = {
            "Forget a saved server and its token. The token stays valid on the server",
            "unless --revoke is given. Without NAME, forgets the current server; the next",
            "saved one becomes current."
        })
final class LogoutCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the saved server (see 'fazt servers')")
    String name;

    @CommandLine.Option(names = "--revoke", description = "revoke the token on the server first")
    boolean revoke;

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
        Login login = config.find(target);
        if (revoke) {
            AdminClient admin = new AdminClient(login);
            String credential =
                    admin.get(AdminClient.path("me")).json().path("credential").asText("");
            if (!credential.startsWith("t_")) {
                throw new CliFailure(
                        "this login's token cannot be revoked (it is the bootstrap token); not logged out");
            }
            admin.delete(AdminClient.path("tokens", credential));
        }
        config.remove(target);
        PrintWriter out = spec.commandLine().getOut();
        String current = config.current();
        out.println("logged out of '" + target + "'" + (current == null ? "" : "; current server: '" + current + "'"));
        out.flush();
        return 0;
    }
}
