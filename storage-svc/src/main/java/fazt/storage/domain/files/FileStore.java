package fazt.storage.domain.files;

import fazt.storage.domain.AppId;
import fazt.storage.domain.Digest;
import fazt.storage.domain.vfs.VfsPath;
import java.util.List;

/**
 * Port: the apps' files. A file references a content-addressed blob; blob garbage collection counts these references
 * like a namespace's, so a blob a file points at is never collected. Every method addresses one app only.
 */
public interface FileStore {
    /**
     * Points {@code path} at the blob, replacing what was there.
     *
     * @throws fazt.storage.domain.StorageException.FileBlobMissing when the blob is not stored
     * @throws fazt.storage.domain.StorageException.SizeMismatch when {@code size} is not the blob's
     */
    AppFile put(AppId app, VfsPath path, Digest digest, long size, String contentType);

    /** The file, or null. */
    AppFile stat(AppId app, VfsPath path);

    /** Up to {@code limit} files whose path starts with {@code prefix} (null: any), after {@code after}, by path. */
    List<AppFile> list(AppId app, String prefix, String after, int limit);

    boolean delete(AppId app, VfsPath path);

    /** Removes every file of the app (their blobs go with the next sweep); returns how many. */
    long purge(AppId app);
}
