package fazt.storage.domain.vfs;

import java.util.Collection;
import java.util.List;

/**
 * The virtual file system: immutable namespaces mapping paths to stored blobs. Implementations are safe to use from
 * several storage instances at once; every method is one transaction.
 */
public interface Vfs {
    /**
     * Creates {@code namespace} with exactly {@code files} (distinct paths, validated), all or nothing.
     *
     * @throws fazt.storage.domain.StorageException.NamespaceExists when the name is already committed
     * @throws fazt.storage.domain.StorageException.BlobMissing naming the first file whose blob is not stored
     * @throws fazt.storage.domain.StorageException.SizeMismatch naming the first file whose size is not its blob's
     */
    Committed commit(Namespace namespace, List<FileEntry> files);

    /** The files of {@code namespace} among {@code paths}, in any order; none when the namespace is absent. */
    List<FileEntry> find(Namespace namespace, Collection<VfsPath> paths);

    /** Up to {@code limit} files of {@code namespace} in path order, after {@code after} (null: from the start). */
    List<FileEntry> list(Namespace namespace, VfsPath after, int limit);

    /** Removes {@code namespace} and collects the blobs nothing references any more; an absent one is no error. */
    Dropped drop(Namespace namespace);
}
