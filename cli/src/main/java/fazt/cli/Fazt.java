package fazt.cli;

import java.io.InputStream;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code fazt} command line: manage a fazt server from a terminal or a script. */
@Command(
        name = "fazt",
        mixinStandardHelpOptions = true,
        versionProvider = Fazt.Version.class,
        description = "Manage a fazt server: your own cloud for static sites and serverless JavaScript apps.",
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            WhoamiCommand.class,
            ServersCommand.class,
            TokensCommand.class,
            UsersCommand.class,
            DeployCommand.class,
            AppsCommand.class,
            EnvCommand.class,
            DomainsCommand.class,
            LogsCommand.class,
            VersionsCommand.class,
            RollbackCommand.class,
            PullCommand.class,
            RunsCommand.class,
            SchedulesCommand.class,
            HooksCommand.class,
            MailCommand.class,
            StatusCommand.class,
            BackupCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Start with:",
            "  fazt login http://admin.localhost:8080      (username and password)",
            "  fazt login TOKEN                             (a token string from 'fazt tokens create')",
            "  fazt deploy ./my-site",
            "",
            "Environment:",
            "  FAZT_URL, FAZT_TOKEN  an admin URL and token; if both are set, used instead",
            "                        of the servers saved by 'fazt login' (scripts, CI)",
            "  XDG_CONFIG_HOME       'fazt login' saves servers in its fazt/config.json",
            "                        (default: ~/.config/fazt/config.json)",
            "",
            "Exit status: 0 ok, 1 failure (one line 'fazt: ...' on stderr), 2 wrong usage.",
            "Run 'fazt help COMMAND' or 'fazt COMMAND --help' for a command's options."
        })
public final class Fazt implements Runnable {
    @Option(
            names = "--server",
            paramLabel = "NAME",
            scope = CommandLine.ScopeType.INHERIT,
            description = "use the server saved under NAME by 'fazt login' (default: the last one logged in to)")
    String server;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final InputStream stdin;

    Fazt(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The command line with {@code env} standing in for the process environment (tests pass their own). */
    static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, System.in);
    }

    /** The command line with its own environment and standard input (tests pass their own). */
    static CommandLine commandLine(Map<String, String> env, InputStream stdin) {
        CommandLine cli = new CommandLine(new Fazt(env, stdin));
        cli.getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(false)
                .description("Print a bash/zsh completion script: source <(fazt generate-completion)");
        addHelpOption(cli);
        // One line on stderr and exit 1 for a failure the user can act on; picocli's usage errors exit 2.
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("fazt: " + (e instanceof CliFailure ? e.getMessage() : describe(e)));
            command.getErr().flush();
            return 1;
        });
        return cli;
    }

    /**
     * Gives every command a {@code -h, --help}. Not picocli's standard mixin: that also brings {@code --version},
     * which {@code apps clone} needs for a version number.
     */
    private static void addHelpOption(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                        .usageHelp(true)
                        .description("Show this help message and exit.")
                        .build());
            }
            addHelpOption(sub);
        }
    }

    /** The root of the command line {@code spec} belongs to: where the environment and {@code --server} live. */
    static Fazt of(CommandLine.Model.CommandSpec spec) {
        return (Fazt) spec.root().userObject();
    }

    Map<String, String> env() {
        return env;
    }

    /** Standard input ({@code fazt env set NAME KEY=-} reads a value from it). */
    InputStream stdin() {
        return stdin;
    }

    ConfigStore config() {
        return ConfigStore.of(env);
    }

    /** The admin API of the server chosen by {@code --server}, {@code FAZT_URL}+{@code FAZT_TOKEN} or the last login. */
    AdminClient admin() {
        return new AdminClient(config().select(server, env));
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Fazt.class.getPackage().getImplementationVersion();
            return new String[] {"fazt " + (v == null ? "dev" : v)};
        }
    }
}
