package fazt.runtime.observe;

import java.util.Locale;

/** The levels of an app's log line, least severe first; a filter keeps a level and everything above it. */
enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** The level named {@code text} ({@code warning} is {@code warn}), or null when it names none. */
    static LogLevel parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "debug", "trace" -> DEBUG;
            case "info", "log" -> INFO;
            case "warn", "warning" -> WARN;
            case "error" -> ERROR;
            default -> null;
        };
    }

    /** Whether a line of level {@code text} passes a filter at this level; an unknown level counts as info. */
    boolean admits(String text) {
        LogLevel level = parse(text);
        return (level == null ? INFO : level).ordinal() >= ordinal();
    }
}
