package fazt.runtime.observe;

import fazt.proto.admin.AdminRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of {@code GET /api/apps/{name}/logs}, checked: where to start ({@code after} a cursor, else
 * {@code since} a duration ago or an instant, else {@link #DEFAULT_SINCE} ago), how many lines at most, and the
 * lowest level wanted.
 *
 * @param after    continue after this stream sequence (a cursor of an earlier page), or null
 * @param since    start at lines stored at or after this instant (used when {@code after} is null)
 * @param limit    most lines in the page
 * @param minLevel lowest level kept
 */
record LogQuery(Long after, Instant since, int limit, LogLevel minLevel) {
    /** Lines of the last hour when neither {@code after} nor {@code since} is given. */
    static final Duration DEFAULT_SINCE = Duration.ofHours(1);

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    static LogQuery of(AdminRequest request, Clock clock) {
        Long after = cursor(request.queryParam("after"));
        Instant since = since(request.queryParam("since"), clock);
        int limit = limit(request.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String levelText = request.queryParam("level");
        LogLevel level = levelText == null || levelText.isBlank() ? LogLevel.DEBUG : LogLevel.parse(levelText);
        if (level == null) {
            throw ObserveProblems.invalid(
                    "level", "level must be one of debug, info, warn, error; got \"" + clip(levelText) + "\".");
        }
        return new LogQuery(after, since != null ? since : clock.instant().minus(DEFAULT_SINCE), limit, level);
    }

    /**
     * {@code 10m}, {@code 90s}, {@code 2h}, {@code 7d} (ago, from {@code clock}) or an ISO-8601 instant such as
     * {@code 2026-05-01T12:00:00Z}; null when absent.
     */
    static Instant since(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration duration =
                    switch (ago.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
            return clock.instant().minus(duration);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ObserveProblems.invalid(
                    "since",
                    "since must be a duration such as 10m, 2h or 7d, or an instant"
                            + " such as 2026-05-01T12:00:00Z; got \"" + clip(value) + "\".");
        }
    }

    /** A cursor: the stream sequence of the last line of a page; null when absent. */
    static Long cursor(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ObserveProblems.invalid(
                "after",
                "after must be the cursor of an earlier page (a whole number);" + " got \"" + clip(text) + "\".");
    }

    /** The {@code limit} parameter: a whole number from 1 to {@code max}, {@code fallback} when absent. */
    static int limit(String text, int fallback, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ObserveProblems.invalid(
                "limit", "limit must be a whole number from 1 to " + max + "; got \"" + clip(text) + "\".");
    }

    /** Echoes at most 40 characters of a rejected value. */
    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
