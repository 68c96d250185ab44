package fazt.storage.domain.blob;

import fazt.storage.domain.StorageException;

/** Accepts one chunk of an upload, within the limits of a chunk and of a whole blob. */
public final class WriteBlob {
    private final BlobStore store;
    private final int maxChunkBytes;
    private final long maxUploadBytes;

    public WriteBlob(BlobStore store, int maxChunkBytes, long maxUploadBytes) {
        this.store = store;
        this.maxChunkBytes = maxChunkBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    public UploadProgress write(Chunk chunk) {
        if (chunk.offset() < 0) {
            throw new StorageException.InvalidInput("offset", "must not be negative");
        }
        if (chunk.data().length > maxChunkBytes) {
            throw new StorageException.ChunkTooLarge(chunk.data().length, maxChunkBytes);
        }
        if (chunk.offset() + chunk.data().length > maxUploadBytes) {
            // The upload can never complete; free what it holds now rather than after the abandonment grace.
            store.discard(chunk.upload());
            throw new StorageException.UploadTooLarge(chunk.upload().value(), maxUploadBytes);
        }
        return store.append(chunk);
    }
}
