package fazt.storage.domain.blob;

import fazt.storage.domain.Digest;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Content-addressed blob storage with uploads in chunks. Upload state is durable, so consecutive chunks of one
 * upload may reach different storage instances; no method holds a whole blob in memory.
 */
public interface BlobStore {
    /**
     * Stores {@code chunk} if it starts exactly where the upload's bytes end (an offset-0 chunk opens the upload).
     * The last chunk closes the upload: its bytes are hashed and become the blob of that digest, or are dropped when
     * that blob is already stored.
     *
     * @throws fazt.storage.domain.StorageException.UploadOutOfOrder when the offset is not the bytes received so far
     */
    UploadProgress append(Chunk chunk);

    /** Forgets an upload and its chunks; nothing happens when it is unknown. */
    void discard(UploadId upload);

    /**
     * The digests among {@code digests} that are stored. Each one found is marked as just written, so the garbage
     * collector spares it while the writer, told it need not upload it, commits it to a namespace.
     */
    Set<Digest> retain(Collection<Digest> digests);

    /**
     * Up to {@code length} bytes of the blob from {@code offset} (fewer at its end, none when {@code offset} is at or
     * past it), read from one snapshot; empty when the blob is not stored.
     */
    Optional<BlobSlice> read(Digest digest, long offset, int length);
}
