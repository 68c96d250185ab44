package fazt.e2e;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fazt} command as a user types it, with a configuration directory of its own (so a login here never
 * touches the machine's real one), already logged in to a stack with its bootstrap admin token.
 */
final class Cli {
    /** Seconds a single command may take. */
    static final int TIMEOUT_SECONDS = 120;

    private final Map<String, String> env;

    private Cli(Map<String, String> env) {
        this.env = env;
    }

    /** A CLI logged in to {@code stack} at {@code http://admin.localhost:<port>}; fails if the login does. */
    static Cli loggedIn(Stack stack, Edge edge) throws Exception {
        return loggedIn(stack, edge, Map.of());
    }

    /** {@link #loggedIn(Stack, Edge)} with {@code extra} environment (FAZT_BACKUP_PASSPHRASE, ...). */
    static Cli loggedIn(Stack stack, Edge edge, Map<String, String> extra) throws Exception {
        Cli cli = withEnv(extra);
        Stack.Result login = cli.run("login", "http://admin.localhost:" + stack.httpPort, "--token", edge.token());
        if (login.exitCode() != 0) {
            throw new AssertionError("fazt login exited " + login.exitCode() + ": " + login.output());
        }
        return cli;
    }

    /** A CLI with a configuration directory of its own and {@code extra} environment (FAZT_PASSWORD, ...), not logged in. */
    static Cli withEnv(Map<String, String> extra) throws Exception {
        String config = Files.createTempDirectory("fazt-cli-config-").toString();
        Map<String, String> env = new HashMap<>(extra);
        env.put("XDG_CONFIG_HOME", config);
        env.put("HOME", config);
        return new Cli(Map.copyOf(env));
    }

    /** Runs {@code bin/fazt <args>} without any configuration (no login), with {@code timeoutSeconds} to finish. */
    static Stack.Result anonymous(int timeoutSeconds, String... args) throws Exception {
        return Stack.run(command(args), Map.of(), timeoutSeconds);
    }

    /** Runs {@code bin/fazt <args>}: exit code and combined output. */
    Stack.Result run(String... args) throws Exception {
        return Stack.run(command(args), env, TIMEOUT_SECONDS);
    }

    private static List<String> command(String... args) {
        List<String> command =
                new ArrayList<>(List.of(Stack.REPO.resolve("bin/fazt").toString()));
        command.addAll(List.of(args));
        return command;
    }
}
