package fazt.storage.domain.blob;

import fazt.storage.domain.Digest;
import fazt.storage.domain.StorageException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Tells a writer which blobs it still has to upload before committing a namespace. */
public final class FindMissingBlobs {
    /** Digests per request: a large bundle's files fit, and the reply stays well under one message. */
    public static final int MAX_DIGESTS = 10_000;

    private final BlobStore store;

    public FindMissingBlobs(BlobStore store) {
        this.store = store;
    }

    /** The digests not stored, in the order asked, each once. */
    public List<Digest> missing(List<Digest> digests) {
        if (digests.size() > MAX_DIGESTS) {
            throw new StorageException.InvalidInput(
                    "digests", "has " + digests.size() + " entries; at most " + MAX_DIGESTS + " are allowed");
        }
        Set<Digest> distinct = new LinkedHashSet<>(digests);
        if (distinct.isEmpty()) {
            return List.of();
        }
        Set<Digest> stored = store.retain(distinct);
        return distinct.stream().filter(d -> !stored.contains(d)).toList();
    }
}
