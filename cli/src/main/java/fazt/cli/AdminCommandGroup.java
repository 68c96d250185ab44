package fazt.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A group of subcommands that talk to the admin API of the current server ({@code fazt apps}, {@code env},
 * {@code hooks}, {@code runs}, {@code tokens}, {@code users}): the picocli spec, the client, and printing to the
 * command's own output, so tests capture it.
 */
@Command // no attributes: picocli wants the class holding a @Spec to be a command; the subclasses say what they are
abstract class AdminCommandGroup {
    @Spec
    CommandSpec spec;

    AdminClient admin() {
        return Fazt.of(spec).admin();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    int print(String line) {
        PrintWriter out = out();
        out.println(line);
        out.flush();
        return 0;
    }

    /** The group named without a subcommand: a usage error listing them. */
    CommandLine.ParameterException missingCommand(String commands) {
        return new CommandLine.ParameterException(spec.commandLine(), "Missing command: " + commands);
    }
}
