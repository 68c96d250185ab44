package fazt.storage.domain.vfs;

import fazt.storage.domain.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers which of a few candidate paths exist (e.g. {@code docs}, {@code docs/index.html}, {@code index.html} for
 * one URL), so a lookup chain costs one round trip.
 */
public final class StatPaths {
    /** Candidates per request; a lookup chain is short, and the limit bounds the query. */
    public static final int MAX_PATHS = 16;

    private final Vfs vfs;

    public StatPaths(Vfs vfs) {
        this.vfs = vfs;
    }

    /** The candidates that exist, in the order asked, each once. */
    public List<FileEntry> stat(Namespace namespace, List<VfsPath> candidates) {
        if (candidates.size() > MAX_PATHS) {
            throw new StorageException.InvalidInput(
                    "paths", "has " + candidates.size() + " entries; at most " + MAX_PATHS + " are allowed");
        }
        LinkedHashSet<VfsPath> distinct = new LinkedHashSet<>(candidates);
        if (distinct.isEmpty()) {
            return List.of();
        }
        Map<VfsPath, FileEntry> found =
                vfs.find(namespace, distinct).stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));
        List<FileEntry> ordered = new ArrayList<>();
        for (VfsPath path : distinct) {
            FileEntry file = found.get(path);
            if (file != null) {
                ordered.add(file);
            }
        }
        return ordered;
    }
}
