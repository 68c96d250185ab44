package fazt.storage.domain.vfs;

import java.util.List;

/** One page of a namespace's files in path order; {@code next} is where the next page starts, null after the last. */
public record FilePage(List<FileEntry> files, VfsPath next) {}
