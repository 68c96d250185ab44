package fazt.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is at the keyboard: decides between a live progress bar and plain lines, and whether to ask. */
final class Terminal {
    private Terminal() {}

    /** The console when stdin and stdout are a terminal, else null. */
    static Console console() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        // JDK 22 and 23 return a console even when redirected; their Console.isTerminal() tells. We compile for 21.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (ReflectiveOperationException e) {
            return console;
        }
    }

    static boolean interactive() {
        return console() != null;
    }
}
