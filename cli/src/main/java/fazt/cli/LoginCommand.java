package fazt.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt login}: check an admin URL and token, then save them as the current server. */
@Command(name = "login", sortOptions = false,
        description = {"Check a server's admin URL and API token, save them, and make that server",
                "the current one. Logging in again under a saved name replaces its token.",
                "Several servers can be saved; pick one per command with --server NAME."},
        footer = {"", "Examples:",
                "  fazt login http://admin.localhost:8080 --token fzt_abc123",
                "  fazt login https://admin.example.com --name prod     (asks for the token)",
                "", "Servers are saved, readable only by you, in ~/.config/fazt/config.json",
                "($XDG_CONFIG_HOME/fazt/config.json when XDG_CONFIG_HOME is set)."})
final class LoginCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADMIN-URL", description = "the admin address, e.g. http://admin.localhost:8080")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "an admin API token (default: $FAZT_TOKEN; asked for when on a terminal)")
    String token;

    @Option(names = "--name", paramLabel = "NAME", description = "save the server under NAME (default: the URL's host)")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Fazt fazt = Fazt.of(spec);
        ServerAddress server = ServerAddress.parse(url);
        String path = server.uri().getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new CliFailure("give the admin URL without a path, e.g. " + server.uri().getScheme() + "://"
                    + server.hostHeader());
        }
        String saveAs = name != null ? name.strip() : server.uri().getHost();
        if (saveAs.isEmpty()) {
            throw new CliFailure("--name must not be blank");
        }
        Login login = new Login(saveAs, server, token());
        AdminClient.Reply apps = new AdminClient(login).get(AdminClient.path("apps"));
        if (!apps.json().path("apps").isArray()) {
            throw new CliFailure(server.uri() + " answered without an app list; is it a fazt admin URL?");
        }
        ConfigStore config = fazt.config();
        config.save(login);
        PrintWriter out = spec.commandLine().getOut();
        int count = apps.json().path("apps").size();
        out.println("logged in to " + server.uri() + " as '" + saveAs + "' (" + count + (count == 1 ? " app" : " apps")
                + "); it is now the current server");
        out.flush();
        return 0;
    }

    private String token() {
        String value = token != null ? token : Fazt.of(spec).env().get("FAZT_TOKEN");
        if (value == null || value.isBlank()) {
            Console console = Terminal.console();
            if (console == null) {
                throw new CliFailure("no token: pass --token TOKEN or set FAZT_TOKEN");
            }
            char[] typed = console.readPassword("API token for %s: ", url);
            value = typed == null ? "" : new String(typed);
        }
        value = value.strip();
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // A token goes into an HTTP header: spaces or control characters would break or smuggle headers.
            throw new CliFailure("the token is empty or has spaces or control characters");
        }
        return value;
    }
}
