package fazt.storage.domain.kv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import fazt.storage.domain.AppId;
import fazt.storage.domain.PageCursor;
import fazt.storage.domain.StorageException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The use cases of env.KV: get, put (with an optional TTL), delete and list (by prefix, in key order, with an opaque
 * cursor). Validates keys, kinds, sizes and TTLs before anything reaches the store.
 */
public final class KeyValues {
    public static final int DEFAULT_LIST_LIMIT = 1000;
    public static final int MAX_LIST_LIMIT = 1000;
    /** Longest TTL: ten years. Longer is no different from forever, and keeps timestamps in range. */
    public static final long MAX_TTL_SECONDS = 10L * 366 * 24 * 3600;

    private static final JsonFactory JSON = new JsonFactory();

    private final KvStore store;
    private final int maxValueBytes;

    public KeyValues(KvStore store, int maxValueBytes) {
        this.store = store;
        this.maxValueBytes = maxValueBytes;
    }

    public Entry get(AppId app, String key) {
        return store.get(app, new EntryKey(key));
    }

    /** Stores {@code value}; returns when it expires (null: never). */
    public Instant put(AppId app, String key, String kind, byte[] value, Long ttlSeconds) {
        EntryKey name = new EntryKey(key);
        ValueKind valueKind = ValueKind.of(kind);
        if (value == null) {
            throw new StorageException.InvalidInput("value", "is missing");
        }
        if (value.length > maxValueBytes) {
            throw new StorageException.TooLarge("value", value.length, maxValueBytes, "bytes");
        }
        if (ttlSeconds != null && (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS)) {
            throw new StorageException.InvalidInput(
                    "ttlSeconds",
                    "must be between 1 and " + MAX_TTL_SECONDS + " (or absent: never expires), got " + ttlSeconds);
        }
        if (valueKind == ValueKind.JSON && !isJson(value)) {
            throw new StorageException.InvalidInput("value", "is not one JSON text although kind is json");
        }
        return store.put(app, name, valueKind, value, ttlSeconds);
    }

    public boolean delete(AppId app, String key) {
        return store.delete(app, new EntryKey(key));
    }

    public KeyPage list(AppId app, String prefix, String cursor, int limit) {
        int size = PageCursor.limit(limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
        if (prefix != null && !prefix.isEmpty()) {
            String defect = EntryKey.defect(prefix);
            if (defect != null) {
                throw new StorageException.InvalidInput("prefix", defect);
            }
        }
        String after = PageCursor.decode("cursor", cursor);
        if (after != null && EntryKey.defect(after) != null) {
            throw new StorageException.InvalidInput("cursor", "is not a cursor returned by this service");
        }
        // One more than asked tells whether another page follows without a second query.
        List<KeyPage.Key> keys = store.list(app, prefix == null || prefix.isEmpty() ? null : prefix, after, size + 1);
        if (keys.size() <= size) {
            return new KeyPage(keys, null);
        }
        List<KeyPage.Key> page = List.copyOf(keys.subList(0, size));
        return new KeyPage(page, page.getLast().name());
    }

    /** Whether {@code value} is exactly one JSON value, streamed so nothing is built in memory. */
    static boolean isJson(byte[] value) {
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
