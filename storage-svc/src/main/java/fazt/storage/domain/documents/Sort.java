package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.storage.domain.StorageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The order of a find: field paths, each ascending or descending, then {@code _id} ascending so the order is total
 * and a keyset cursor is exact. A missing field sorts as JSON {@code null}; values of different JSON types sort by
 * type (null, string, number, boolean, array, object: PostgreSQL's jsonb order).
 */
public record Sort(List<Key> keys) {
    public static final int MAX_KEYS = 8;

    /** One sort field. */
    public record Key(FieldPath path, boolean descending) {}

    public Sort {
        keys = List.copyOf(keys);
    }

    /** Parses {@code {"field": 1 | -1, ...}}; null or {@code {}} sorts by {@code _id} only. */
    public static Sort parse(JsonNode sort) {
        if (sort == null || sort.isNull() || sort.isMissingNode()) {
            return new Sort(List.of());
        }
        if (!sort.isObject()) {
            throw new StorageException.InvalidQuery("sort", "must be an object of field paths to 1 or -1");
        }
        if (sort.size() > MAX_KEYS) {
            throw new StorageException.InvalidQuery("sort", "has more than " + MAX_KEYS + " fields");
        }
        List<Key> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sort.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "sort." + e.getKey();
            JsonNode direction = e.getValue();
            if (!direction.isIntegralNumber() || direction.asInt() != 1 && direction.asInt() != -1) {
                throw new StorageException.InvalidQuery(at, "must be 1 (ascending) or -1 (descending)");
            }
            keys.add(new Key(FieldPath.parse(at, e.getKey()), direction.asInt() == -1));
        }
        return new Sort(keys);
    }
}
