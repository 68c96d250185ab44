package fazt.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** One run of the {@code fazt} command line in-process, with its own environment, and what it printed. */
record CliRun(int exit, String out, String err) {
    /** An environment whose config directory is below {@code home}, and nothing else. */
    static Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        return env;
    }

    static CliRun run(Map<String, String> env, String... args) {
        return run(env, new ByteArrayInputStream(new byte[0]), args);
    }

    /** A run whose standard input holds {@code stdin}. */
    static CliRun run(Map<String, String> env, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Fazt.commandLine(env, stdin);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
