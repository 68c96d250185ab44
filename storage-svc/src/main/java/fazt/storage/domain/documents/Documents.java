package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.storage.domain.AppId;
import fazt.storage.domain.PageCursor;
import fazt.storage.domain.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The use cases of env.DB: insert, get, find (query, sort, keyset cursor), update, delete and count of JSON
 * documents in an app's collections. Validates documents, queries, sorts, updates and limits before the store runs.
 */
public final class Documents {
    /** Largest document, as JSON text. */
    public static final int MAX_DOCUMENT_BYTES = 1_000_000;
    /** Most documents in one insert. */
    public static final int MAX_BATCH = 1000;

    public static final int DEFAULT_FIND_LIMIT = 100;
    public static final int MAX_FIND_LIMIT = 1000;
    /**
     * Most bytes of documents in one find reply, so it fits a NATS message (1 MiB by default) with room for the
     * envelope. A page that would grow past it ends early (with a cursor); one document is always returned.
     */
    public static final int MAX_PAGE_BYTES = 1_040_000;

    /** One page of a find; {@code cursor} continues after it and is null on the last page. */
    public record Page(List<ObjectNode> documents, String cursor) {}

    private final DocumentStore store;
    private final ObjectMapper json;
    private final Clock clock;

    public Documents(DocumentStore store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Inserts the documents, giving those without an {@code _id} a new one; returns the ids in order. */
    public List<String> insert(AppId app, String collection, List<JsonNode> documents) {
        CollectionName name = new CollectionName(collection);
        if (documents == null || documents.isEmpty()) {
            throw new StorageException.InvalidInput("documents", "must be a non-empty array");
        }
        if (documents.size() > MAX_BATCH) {
            throw new StorageException.TooLarge("documents", documents.size(), MAX_BATCH, "documents");
        }
        List<ObjectNode> rows = new ArrayList<>(documents.size());
        List<String> ids = new ArrayList<>(documents.size());
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            String field = "documents[" + i + "]";
            JsonNode document = documents.get(i);
            if (document == null || !document.isObject()) {
                throw new StorageException.InvalidInput(field, "must be a JSON object");
            }
            ObjectNode row = ((ObjectNode) document).deepCopy();
            JsonNode given = row.get("_id");
            DocumentId id;
            if (given == null || given.isNull()) {
                id = DocumentId.generate(clock.millis());
            } else if (given.isTextual()) {
                id = DocumentId.of(field + "._id", given.asText());
            } else {
                throw new StorageException.InvalidInput(
                        field + "._id", "must be a string (or absent: one is generated)");
            }
            if (!seen.add(id.value())) {
                throw new StorageException.DocumentExists(name.value(), id.value());
            }
            // _id first, so stored and returned documents read naturally.
            ObjectNode ordered = json.createObjectNode();
            ordered.put("_id", id.value());
            row.remove("_id");
            ordered.setAll(row);
            checkSize(field, ordered);
            rows.add(ordered);
            ids.add(id.value());
        }
        store.insert(app, name, rows);
        return ids;
    }

    public ObjectNode get(AppId app, String collection, String id) {
        return store.get(app, new CollectionName(collection), DocumentId.of("id", id));
    }

    public Page find(AppId app, String collection, JsonNode query, JsonNode sort, int limit, String cursor) {
        CollectionName name = new CollectionName(collection);
        Filter filter = QueryParser.parse("query", query);
        Sort order = Sort.parse(sort);
        int size = PageCursor.limit(limit, DEFAULT_FIND_LIMIT, MAX_FIND_LIMIT);
        SortPosition after = SortPosition.decode(order, cursor);
        List<ObjectNode> found = store.find(app, name, filter, order, after, size + 1);
        boolean more = found.size() > size;
        List<ObjectNode> page = new ArrayList<>(Math.min(found.size(), size));
        long bytes = 0;
        for (ObjectNode document : found.subList(0, Math.min(found.size(), size))) {
            bytes += bytes(document);
            if (!page.isEmpty() && bytes > MAX_PAGE_BYTES) {
                more = true;
                break;
            }
            page.add(document);
        }
        String next = more ? SortPosition.of(order, page.getLast()).encode(order) : null;
        return new Page(page, next);
    }

    public long count(AppId app, String collection, JsonNode query) {
        return store.count(app, new CollectionName(collection), QueryParser.parse("query", query));
    }

    public long update(AppId app, String collection, JsonNode query, JsonNode update) {
        CollectionName name = new CollectionName(collection);
        Filter filter = QueryParser.parse("query", query);
        return store.update(app, name, filter, Update.parse(update), MAX_DOCUMENT_BYTES);
    }

    public long delete(AppId app, String collection, JsonNode query) {
        return store.delete(app, new CollectionName(collection), QueryParser.parse("query", query));
    }

    private void checkSize(String field, ObjectNode document) {
        long size = bytes(document);
        if (size > MAX_DOCUMENT_BYTES) {
            throw new StorageException.TooLarge(field, size, MAX_DOCUMENT_BYTES, "bytes of JSON");
        }
    }

    private long bytes(JsonNode document) {
        try {
            return json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8).length;
        } catch (Exception e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
