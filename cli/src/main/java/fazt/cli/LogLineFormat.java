package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One app log line for people: {@code time level [request] message}, the time in the local zone to the
 * millisecond, the level upper-case in five columns, the request id in brackets when the line belongs to one, and
 * each further line of a multi-line message (a stack trace) indented under the first.
 */
final class LogLineFormat {
    private final DateTimeFormatter time;

    LogLineFormat(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
                .withZone(zone);
    }

    String format(JsonNode line) {
        StringBuilder out = new StringBuilder();
        String at = line.path("at").asText("");
        try {
            out.append(time.format(Instant.parse(at)));
        } catch (DateTimeParseException e) {
            out.append(at.isEmpty() ? "-" : at);
        }
        out.append(' ')
                .append(String.format(
                        Locale.ROOT, "%-5s", line.path("level").asText("info").toUpperCase(Locale.ROOT)));
        String request = line.path("requestId").asText("");
        if (!request.isBlank()) {
            out.append(" [").append(request).append(']');
        }
        String message = line.path("message").asText("");
        out.append(' ').append(message.stripTrailing().replace("\r\n", "\n").replace("\n", "\n    "));
        return out.toString();
    }
}
