package fazt.storage.domain.blob;

import fazt.storage.domain.Digest;
import fazt.storage.domain.StorageException;

/** Reads a range of a blob, at most one chunk's worth per request so a reply fits in one message. */
public final class ReadBlob {
    private final BlobStore store;
    private final int maxLength;

    public ReadBlob(BlobStore store, int maxLength) {
        this.store = store;
        this.maxLength = maxLength;
    }

    /** Up to {@code length} bytes from {@code offset}; fewer at the end of the blob, none when reading at its end. */
    public BlobSlice read(Digest digest, long offset, int length) {
        if (offset < 0) {
            throw new StorageException.InvalidInput("offset", "must not be negative");
        }
        if (length < 0 || length > maxLength) {
            throw new StorageException.InvalidInput("length", "must be between 0 and " + maxLength + ", got " + length);
        }
        BlobSlice slice =
                store.read(digest, offset, length).orElseThrow(() -> new StorageException.BlobNotFound(digest.hex()));
        if (offset > slice.blobSize()) {
            throw new StorageException.RangeNotSatisfiable(offset, slice.blobSize());
        }
        return slice;
    }
}
