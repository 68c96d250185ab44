package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.storage.domain.PageCursor;
import fazt.storage.domain.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a page of a find ended: the sort values of its last document (a missing field as JSON null) and its id.
 * The cursor also records the sort's fields, so a cursor is refused with a different sort.
 */
public record SortPosition(List<JsonNode> values, DocumentId id) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SortPosition {
        values = List.copyOf(values);
    }

    /** The position of {@code document} under {@code sort}. */
    public static SortPosition of(Sort sort, JsonNode document) {
        List<JsonNode> values = new ArrayList<>();
        for (Sort.Key key : sort.keys()) {
            JsonNode value = key.path().find(document);
            values.add(value == null ? NullNode.instance : value);
        }
        return new SortPosition(values, new DocumentId(document.get("_id").asText()));
    }

    public String encode(Sort sort) {
        ObjectNode cursor = JSON.createObjectNode();
        ArrayNode fields = cursor.putArray("s");
        sort.keys()
                .forEach(k -> fields.add((k.descending() ? "-" : "+") + k.path().text()));
        ArrayNode vals = cursor.putArray("v");
        values.forEach(vals::add);
        cursor.put("i", id.value());
        return PageCursor.encode(cursor.toString());
    }

    /** The position a cursor names (null for none); 400 when it is malformed or from a find with another sort. */
    public static SortPosition decode(Sort sort, String cursor) {
        String text = PageCursor.decode("cursor", cursor);
        if (text == null) {
            return null;
        }
        StorageException bad = new StorageException.InvalidInput(
                "cursor", "is not a cursor returned by this service for the same sort");
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            throw bad;
        }
        if (node == null
                || !node.path("s").isArray()
                || !node.path("v").isArray()
                || !node.path("i").isTextual()
                || node.path("s").size() != sort.keys().size()
                || node.path("v").size() != sort.keys().size()) {
            throw bad;
        }
        List<JsonNode> values = new ArrayList<>();
        for (int i = 0; i < sort.keys().size(); i++) {
            Sort.Key key = sort.keys().get(i);
            if (!node.path("s")
                    .get(i)
                    .asText()
                    .equals((key.descending() ? "-" : "+") + key.path().text())) {
                throw bad;
            }
            values.add(node.path("v").get(i));
        }
        return new SortPosition(values, DocumentId.of("cursor", node.path("i").asText()));
    }
}
