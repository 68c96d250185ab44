package fazt.storage.domain.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.storage.domain.AppId;
import java.util.List;

/**
 * Port: the apps' JSON documents. Every method addresses one app's collection only; documents carry their
 * {@code _id} inside. Each method is one transaction.
 */
public interface DocumentStore {
    /**
     * Inserts all or nothing.
     *
     * @throws fazt.storage.domain.StorageException.DocumentExists when an {@code _id} is taken
     */
    void insert(AppId app, CollectionName collection, List<ObjectNode> documents);

    /** The document, or null. */
    ObjectNode get(AppId app, CollectionName collection, DocumentId id);

    /** Up to {@code limit} matching documents in {@code sort} order, after {@code after} (null: from the start). */
    List<ObjectNode> find(
            AppId app, CollectionName collection, Filter filter, Sort sort, SortPosition after, int limit);

    long count(AppId app, CollectionName collection, Filter filter);

    /** Applies {@code update} to every matching document, each under its row lock; returns how many matched. */
    long update(AppId app, CollectionName collection, Filter filter, Update update, int maxDocumentBytes);

    long delete(AppId app, CollectionName collection, Filter filter);

    /** Removes every document of the app; returns how many. */
    long purge(AppId app);
}
