package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.storage.domain.StorageException;
import java.util.List;

/**
 * A dotted path into a document ({@code address.city}, {@code tags.0}). Segments are non-empty, do not start with
 * {@code $} (that is an operator) and contain no control character; at most {@value #MAX_SEGMENTS} segments of
 * {@value #MAX_SEGMENT_LENGTH} characters. An all-digit segment indexes an array when the value there is one.
 */
public record FieldPath(String text, List<String> segments) {
    public static final int MAX_SEGMENTS = 16;
    public static final int MAX_SEGMENT_LENGTH = 128;

    public FieldPath {
        segments = List.copyOf(segments);
    }

    /** Parses {@code text}; {@code field} names it in the 400 problem when it is not a valid path. */
    public static FieldPath parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new StorageException.InvalidQuery(field, "has an empty field path");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > MAX_SEGMENTS) {
            throw new StorageException.InvalidQuery(field, "has more than " + MAX_SEGMENTS + " path segments");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new StorageException.InvalidQuery(
                        field, "has an empty segment in field path " + StorageException.shown(text));
            }
            if (part.startsWith("$")) {
                throw new StorageException.InvalidQuery(
                        field,
                        "uses " + StorageException.shown(part) + " where a field name is expected (unknown operator?)");
            }
            if (part.length() > MAX_SEGMENT_LENGTH) {
                throw new StorageException.InvalidQuery(
                        field, "has a path segment longer than " + MAX_SEGMENT_LENGTH + " characters");
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validPair(part, i)) {
                    throw new StorageException.InvalidQuery(field, "has a control character or invalid UTF-8");
                }
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
            }
        }
        return new FieldPath(text, List.of(parts));
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** Whether a segment is all digits, where PostgreSQL's {@code #>} would index an array. */
    public boolean hasIndexSegment() {
        return segments.stream().anyMatch(s -> s.chars().allMatch(Character::isDigit));
    }

    /** Whether this is {@code _id} or under it. */
    public boolean isId() {
        return segments.getFirst().equals("_id");
    }

    /** The value at this path the way PostgreSQL's {@code #>} finds it, or null when there is none. */
    public JsonNode find(JsonNode document) {
        JsonNode node = document;
        for (String segment : segments) {
            if (node == null) {
                return null;
            }
            if (node.isObject()) {
                node = node.get(segment);
            } else if (node.isArray() && segment.chars().allMatch(Character::isDigit) && segment.length() < 10) {
                node = node.get(Integer.parseInt(segment));
            } else {
                return null;
            }
        }
        return node;
    }

    /** Whether {@code other} is this path or lies under it. */
    public boolean covers(FieldPath other) {
        return other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    @Override
    public String toString() {
        return text;
    }
}
