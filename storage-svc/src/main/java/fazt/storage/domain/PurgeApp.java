package fazt.storage.domain;

import fazt.storage.domain.documents.DocumentStore;
import fazt.storage.domain.files.FileStore;
import fazt.storage.domain.kv.KvStore;

/**
 * Removes everything a deleted app stored: KV entries, documents and files. The blobs its files referenced are
 * collected by the next sweep once nothing else references them. Idempotent, so a redelivered event is harmless.
 */
public final class PurgeApp {
    /** What one purge removed. */
    public record Purged(long entries, long documents, long files) {}

    private final KvStore kv;
    private final DocumentStore documents;
    private final FileStore files;

    public PurgeApp(KvStore kv, DocumentStore documents, FileStore files) {
        this.kv = kv;
        this.documents = documents;
        this.files = files;
    }

    public Purged purge(AppId app) {
        return new Purged(kv.purge(app), documents.purge(app), files.purge(app));
    }
}
