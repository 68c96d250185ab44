package fazt.storage.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.service.db.Sql;
import fazt.platform.service.db.SqlState;
import fazt.storage.domain.AppId;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.documents.CollectionName;
import fazt.storage.domain.documents.DocumentId;
import fazt.storage.domain.documents.DocumentStore;
import fazt.storage.domain.documents.Filter;
import fazt.storage.domain.documents.Sort;
import fazt.storage.domain.documents.SortPosition;
import fazt.storage.domain.documents.Update;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link DocumentStore} in table {@code document} (JSONB). Every statement starts from {@code app_id = ? AND
 * collection = ?}, so no query reaches another app's documents; the rest of the WHERE clause comes from
 * {@link FilterSql}, with values as bind parameters only.
 */
@Singleton
final class JdbcDocumentStore implements DocumentStore {
    /** Rows locked and rewritten per round of an update. */
    private static final int UPDATE_BATCH = 500;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Sql sql;

    JdbcDocumentStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(AppId app, CollectionName collection, List<ObjectNode> documents) {
        String[] ids = new String[documents.size()];
        String[] bodies = new String[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            ids[i] = documents.get(i).get("_id").asText();
            bodies[i] = documents.get(i).toString();
        }
        sql.inTransaction(c -> {
            // One statement: rows whose id is taken are skipped, and the ids it returns tell which; any skipped
            // document fails the whole insert (the transaction rolls back) naming the first taken id.
            Set<String> inserted = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO document (app_id, collection, id, body)
                    SELECT ?, ?, d.id, d.body::jsonb FROM unnest(?::text[], ?::text[]) AS d (id, body)
                    ON CONFLICT (app_id, collection, id) DO NOTHING
                    RETURNING id""")) {
                s.setString(1, app.value());
                s.setString(2, collection.value());
                s.setArray(3, c.createArrayOf("text", ids));
                s.setArray(4, c.createArrayOf("text", bodies));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        inserted.add(r.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw unstorable(e, "documents");
            }
            if (inserted.size() < ids.length) {
                for (String id : ids) {
                    if (!inserted.contains(id)) {
                        throw new StorageException.DocumentExists(collection.value(), id);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public ObjectNode get(AppId app, CollectionName collection, DocumentId id) {
        return sql.optional(
                        "SELECT body::text FROM document WHERE app_id = ? AND collection = ? AND id = ?",
                        r -> parse(r.getString(1)),
                        app.value(),
                        collection.value(),
                        id.value())
                .orElse(null);
    }

    @Override
    public List<ObjectNode> find(
            AppId app, CollectionName collection, Filter filter, Sort sort, SortPosition after, int limit) {
        FilterSql where = scope().filter(filter);
        if (after != null) {
            where.append(" AND ").after(sort, after);
        }
        where.orderBy(sort).append(" LIMIT ?");
        return sql.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body::text FROM document WHERE " + where.sql())) {
                int next = bindScope(s, app, collection);
                next = where.bind(c, s, next);
                s.setInt(next, limit);
                List<ObjectNode> documents = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        documents.add(parse(r.getString(1)));
                    }
                }
                return documents;
            }
        });
    }

    @Override
    public long count(AppId app, CollectionName collection, Filter filter) {
        FilterSql where = scope().filter(filter);
        return sql.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM document WHERE " + where.sql())) {
                where.bind(c, s, bindScope(s, app, collection));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public long delete(AppId app, CollectionName collection, Filter filter) {
        FilterSql where = scope().filter(filter);
        return sql.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM document WHERE " + where.sql())) {
                where.bind(c, s, bindScope(s, app, collection));
                return (long) s.executeUpdate();
            }
        });
    }

    @Override
    public long update(AppId app, CollectionName collection, Filter filter, Update update, int maxDocumentBytes) {
        // Rows are locked in id order, a batch at a time, inside one transaction: all or nothing, and no deadlock
        // between two updates of overlapping sets. FOR UPDATE under READ COMMITTED returns the newest version of a
        // row another transaction just changed (and re-checks the filter on it), so concurrent $inc add up.
        FilterSql where = scope().filter(filter).append(" AND id > ? ORDER BY id LIMIT ? FOR UPDATE");
        return sql.inTransaction(c -> {
            long matched = 0;
            String last = "";
            while (true) {
                List<String> ids = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                try (PreparedStatement s =
                        c.prepareStatement("SELECT id, body::text FROM document WHERE " + where.sql())) {
                    int next = where.bind(c, s, bindScope(s, app, collection));
                    s.setString(next, last);
                    s.setInt(next + 1, UPDATE_BATCH);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            ObjectNode document = parse(r.getString(2));
                            update.apply(document);
                            String body = document.toString();
                            int size = body.getBytes(StandardCharsets.UTF_8).length;
                            if (size > maxDocumentBytes) {
                                throw new StorageException.TooLarge(
                                        "update",
                                        size,
                                        maxDocumentBytes,
                                        "bytes of JSON in document " + r.getString(1) + " after the update");
                            }
                            ids.add(r.getString(1));
                            bodies.add(body);
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return matched;
                }
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE document d SET body = u.body::jsonb, updated_at = now()
                        FROM unnest(?::text[], ?::text[]) AS u (id, body)
                        WHERE d.app_id = ? AND d.collection = ? AND d.id = u.id""")) {
                    s.setArray(1, c.createArrayOf("text", ids.toArray()));
                    s.setArray(2, c.createArrayOf("text", bodies.toArray()));
                    s.setString(3, app.value());
                    s.setString(4, collection.value());
                    s.executeUpdate();
                } catch (SQLException e) {
                    throw unstorable(e, "update");
                }
                matched += ids.size();
                if (ids.size() < UPDATE_BATCH) {
                    return matched;
                }
                last = ids.getLast();
            }
        });
    }

    @Override
    public long purge(AppId app) {
        return sql.update("DELETE FROM document WHERE app_id = ?", app.value());
    }

    /** The start of every WHERE clause: this app's collection only. */
    private static FilterSql scope() {
        return new FilterSql().append("app_id = ? AND collection = ? AND ");
    }

    private static int bindScope(PreparedStatement s, AppId app, CollectionName collection) throws SQLException {
        s.setString(1, app.value());
        s.setString(2, collection.value());
        return 3;
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is not JSON", e);
        }
    }

    private static RuntimeException unstorable(SQLException e, String field) throws SQLException {
        if (SqlState.UNSUPPORTED_UNICODE_ESCAPE.is(e)) {
            return new StorageException.InvalidInput(field, "contains a \\u0000 character, which cannot be stored");
        }
        throw e;
    }
}
