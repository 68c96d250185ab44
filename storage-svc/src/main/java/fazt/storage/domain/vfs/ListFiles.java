package fazt.storage.domain.vfs;

import fazt.storage.domain.StorageException;
import java.util.List;

/** Pages through a namespace's files in path order (byte order of the UTF-8 path). */
public final class ListFiles {
    public static final int MAX_LIMIT = 1000;

    private final Vfs vfs;

    public ListFiles(Vfs vfs) {
        this.vfs = vfs;
    }

    /** At most {@code limit} files after {@code after} (null: from the start); an absent namespace has none. */
    public FilePage page(Namespace namespace, VfsPath after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new StorageException.InvalidInput("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        // One more than asked tells whether another page follows without a second query.
        List<FileEntry> files = vfs.list(namespace, after, limit + 1);
        if (files.size() <= limit) {
            return new FilePage(files, null);
        }
        List<FileEntry> page = files.subList(0, limit);
        return new FilePage(List.copyOf(page), page.getLast().path());
    }
}
