package fazt.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The value of {@code --since}: a duration ago ({@code 90s}, {@code 10m}, {@code 2h}, {@code 7d}) or an ISO-8601
 * instant ({@code 2026-05-01T12:00:00Z}). Checked here, so a typo fails before any request with a hint; sent to the
 * server as typed, which reads it the same way.
 */
final class Since {
    private static final Pattern AGO = Pattern.compile("\\d{1,9}(ms|s|m|h|d)");

    private Since() {}

    /** {@code text} stripped, when it is a valid value; else a {@link CliFailure} saying what is accepted. */
    static String parse(String text) {
        String value = text == null ? "" : text.strip();
        if (AGO.matcher(value).matches()) {
            return value;
        }
        try {
            Instant.parse(value);
            return value;
        } catch (DateTimeParseException e) {
            throw new CliFailure("--since wants a duration such as 30s, 10m, 2h or 7d, or an instant such as"
                    + " 2026-05-01T12:00:00Z; got '" + value + "'");
        }
    }
}
