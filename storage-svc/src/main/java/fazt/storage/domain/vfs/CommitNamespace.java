package fazt.storage.domain.vfs;

import fazt.storage.domain.StorageException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Commits a namespace whole: every path once, every size plausible, every blob already stored. */
public final class CommitNamespace {
    private final Vfs vfs;

    public CommitNamespace(Vfs vfs) {
        this.vfs = vfs;
    }

    public Committed commit(Namespace namespace, List<FileEntry> files) {
        Set<VfsPath> seen = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            FileEntry file = files.get(i);
            if (!seen.add(file.path())) {
                throw new StorageException.InvalidInput(
                        "files[" + i + "].path",
                        StorageException.shown(file.path().value()) + " appears more than once");
            }
            if (file.size() < 0) {
                throw new StorageException.InvalidInput("files[" + i + "].size", "must not be negative");
            }
        }
        return vfs.commit(namespace, files);
    }
}
