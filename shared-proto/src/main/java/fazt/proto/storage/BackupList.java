package fazt.proto.storage;

import java.util.List;

/** Backups and restores, newest first; {@code archives}: the archive names the target holds now. */
public record BackupList(List<BackupView> runs, List<String> archives) {}
