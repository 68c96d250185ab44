package fazt.proto.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path template of the admin API below {@code /api}: literal segments, {@code {name}} parameters (one non-empty
 * segment each) and at most one trailing {@code {name+}} parameter, which takes the rest of the path with its slashes
 * ({@code /apps/{name}/files/{path+}}). Paths match without regard to a leading or trailing slash.
 */
public record PathTemplate(String text, List<Segment> segments) {
    /** One segment: a literal, a parameter, or the trailing rest parameter. */
    public record Segment(String value, Kind kind) {}

    private static final Pattern EDGE_SLASHES = Pattern.compile("^/+|/+$");

    /** Ordered from most to least specific. */
    public enum Kind {
        LITERAL,
        PARAM,
        REST
    }

    public PathTemplate {
        segments = List.copyOf(segments);
    }

    /** Parses a template; refuses an empty segment, a malformed parameter, or a rest parameter that is not last. */
    public static PathTemplate parse(String text) {
        if (!text.startsWith("/") || text.length() < 2 || text.endsWith("/")) {
            throw new IllegalArgumentException(
                    "an admin path template starts with / and does not end with one: " + text);
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = text.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty segment in " + text);
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean rest = name.endsWith("+");
                name = rest ? name.substring(0, name.length() - 1) : name;
                if (!name.matches("[a-zA-Z][a-zA-Z0-9]*")) {
                    throw new IllegalArgumentException("bad parameter " + part + " in " + text);
                }
                if (rest && i != parts.length - 1) {
                    throw new IllegalArgumentException("a {" + name + "+} parameter must be last in " + text);
                }
                segments.add(new Segment(name, rest ? Kind.REST : Kind.PARAM));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("bad segment " + part + " in " + text);
            } else {
                segments.add(new Segment(part, Kind.LITERAL));
            }
        }
        return new PathTemplate(text, segments);
    }

    /** The parameter names in order. */
    public List<String> parameters() {
        return segments.stream()
                .filter(s -> s.kind() != Kind.LITERAL)
                .map(Segment::value)
                .toList();
    }

    /** The parameters of {@code path} when it matches, else empty. */
    public Optional<Map<String, String>> match(String path) {
        String trimmed = EDGE_SLASHES.matcher(path).replaceAll("");
        String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (i >= parts.length || parts[i].isEmpty()) {
                return Optional.empty();
            }
            switch (segment.kind()) {
                case LITERAL -> {
                    if (!segment.value().equals(parts[i])) {
                        return Optional.empty();
                    }
                }
                case PARAM -> params.put(segment.value(), parts[i]);
                case REST -> {
                    params.put(segment.value(), String.join("/", Arrays.copyOfRange(parts, i, parts.length)));
                    return Optional.of(params);
                }
            }
        }
        return parts.length == segments.size() ? Optional.of(params) : Optional.empty();
    }

    /**
     * Orders templates that match the same path: segment by segment, a literal before a parameter before a rest
     * parameter; negative when this one is the more specific.
     */
    public int compareSpecificity(PathTemplate other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int byKind = segments.get(i).kind().compareTo(other.segments.get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    @Override
    public String toString() {
        return text;
    }
}
