package fazt.storage.backup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where backups go and how many are kept (prefix {@code storage.backup}; FAZT_BACKUP_TARGET, FAZT_BACKUP_KEEP).
 *
 * @param target a directory storage-svc can write
 * @param keep   finished backups kept; the oldest beyond this are removed once a new one is done
 */
@ConfigurationProperties("storage.backup")
public record BackupConfig(
        @Nullable String target, @Nullable Integer keep) {
    public static final String DEFAULT_TARGET = "/var/lib/fazt/backups";
    public static final int DEFAULT_KEEP = 7;

    public BackupConfig {
        target = target == null || target.isBlank() ? DEFAULT_TARGET : target.strip();
        keep = keep == null ? DEFAULT_KEEP : keep;
    }
}
