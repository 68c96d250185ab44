package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line a failed admin call prints after {@code fazt: }. From an RFC 9457 problem: the detail (else the
 * title), the field errors when there are any, and the type's last two path segments, which name the error
 * without the docs host: {@code App not found (deploy/app-not-found)}.
 */
final class ProblemMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemMessage() {}

    static String of(int status, String body) {
        JsonNode problem = parse(body);
        if (problem == null
                || !(problem.hasNonNull("type") || problem.hasNonNull("title") || problem.hasNonNull("detail"))) {
            // Not a fazt problem: a proxy in front of the server, or not a fazt server at all.
            return "the server answered HTTP " + status + (status == 404 ? " (is this a fazt admin URL?)" : "");
        }
        String text = firstNonBlank(
                problem.path("detail").asText(""), problem.path("title").asText(""), "HTTP " + status);
        List<String> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asText("");
            String message = error.path("message").asText("");
            errors.add(field.isBlank() ? message : field + ": " + message);
        }
        if (!errors.isEmpty()) {
            text = text.replaceFirst("[.:]$", "") + ": " + String.join("; ", errors);
        }
        String code = typeCode(problem.path("type").asText(null));
        return text.replaceAll("\\s*\\R\\s*", " ") + " (" + (code != null ? code : "HTTP " + status) + ")";
    }

    /** {@code https://errors.fazt.dev/deploy/app-not-found} → {@code deploy/app-not-found}; null for none. */
    static String typeCode(String type) {
        if (type == null || type.isBlank() || type.equals("about:blank")) {
            return null;
        }
        String path;
        try {
            URI uri = URI.create(type);
            path = uri.getPath() != null ? uri.getPath() : type;
        } catch (IllegalArgumentException e) {
            path = type;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            return type;
        }
        return String.join("/", segments.subList(Math.max(0, segments.size() - 2), segments.size()));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }
}
