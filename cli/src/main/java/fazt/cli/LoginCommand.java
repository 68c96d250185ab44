package fazt.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fazt login}: check an admin URL and token, then save them as the current server. The token is given
 * ({@code --token}, {@code FAZT_TOKEN}), pasted as the only argument (a token string names its server), or bought
 * with a username and password.
 */
@Command(
        name = "login",
        sortOptions = false,
        description = {
            "Check a server's admin URL and API token, save them, and make that server",
            "the current one. Logging in again under a saved name replaces its token.",
            "Without a token, asks for a username and password and creates a token for",
            "this machine (90 days, your account's scopes).",
            "Several servers can be saved; pick one per command with --server NAME."
        },
        footer = {
            "",
            "Examples:",
            "  fazt login fazt_aHR0cDovL2FkbWluLmxvY2FsaG9zdDo4MDgw_Xy3...   (a token string)",
            "  fazt login http://admin.localhost:8080 --token fazt_abc123",
            "  fazt login https://admin.example.com --name prod     (asks for username and password)",
            "  FAZT_PASSWORD=... fazt login https://admin.example.com --user ana",
            "",
            "Servers are saved, readable only by you, in ~/.config/fazt/config.json",
            "($XDG_CONFIG_HOME/fazt/config.json when XDG_CONFIG_HOME is set)."
        })
final class LoginCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "ADMIN-URL|TOKEN",
            description = "the admin address, e.g. http://admin.localhost:8080, or a token string fazt_..._...")
    String url;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description = "log in as NAME with a password (asked for, or $FAZT_PASSWORD)")
    String user;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "an admin API token (default: $FAZT_TOKEN; asked for when on a terminal)")
    String token;

    @Option(names = "--name", paramLabel = "NAME", description = "save the server under NAME (default: the URL's host)")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Fazt fazt = Fazt.of(spec);
        String given = token != null ? token : fazt.env().get("FAZT_TOKEN");
        String embedded = TokenLogin.serverOf(url);
        if (embedded != null) {
            given = url;
            url = embedded;
        }
        ServerAddress server = ServerAddress.parse(url);
        String path = server.uri().getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new CliFailure("give the admin URL without a path, e.g. "
                    + server.uri().getScheme() + "://" + server.hostHeader());
        }
        String saveAs = name != null ? name.strip() : server.uri().getHost();
        if (saveAs.isEmpty()) {
            throw new CliFailure("--name must not be blank");
        }
        Login login = new Login(saveAs, server, given != null && !given.isBlank() ? check(given) : ask(server));
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

    /** A token from a password login, or a pasted one when the username is left empty. */
    private String ask(ServerAddress server) {
        Console console = Terminal.console();
        String name = user;
        if (name == null) {
            if (console == null) {
                throw new CliFailure("no token: pass --token TOKEN, set FAZT_TOKEN, or log in with --user NAME");
            }
            name = console.readLine("Username for %s (leave empty to paste a token): ", server.uri());
        }
        if (name == null || name.isBlank()) {
            char[] typed = console == null ? null : console.readPassword("API token for %s: ", server.uri());
            return check(typed == null ? "" : new String(typed));
        }
        String password = Fazt.of(spec).env().get("FAZT_PASSWORD");
        if (password == null) {
            if (console == null) {
                throw new CliFailure("no password: set FAZT_PASSWORD or run on a terminal");
            }
            char[] typed = console.readPassword("Password for %s: ", name.strip());
            password = typed == null ? "" : new String(typed);
        }
        return check(TokenLogin.withPassword(server, name.strip(), password)
                .path("token")
                .asText(""));
    }

    private static String check(String value) {
        value = value.strip();
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // A token goes into an HTTP header: spaces or control characters would break or smuggle headers.
            throw new CliFailure("the token is empty or has spaces or control characters");
        }
        return value;
    }
}
