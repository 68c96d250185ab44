package fazt.proto.storage;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * Asks storage-svc to start a backup ({@link StorageSubjects#BACKUP_START}); only scheduler-svc may send it (ADR 31).
 * {@code tick} is the cron tick the backup is for (UTC, whole minute): the backup is named for it, so every scheduler
 * instance that asks for the same tick gets the same answer and one backup starts.
 *
 * @param trigger {@link #SCHEDULE}
 * @param tick    the tick this backup is for
 */
@MessageType("storage.backup_start_request.v1")
public record BackupStartRequest(String trigger, Instant tick) {
    public static final String SCHEDULE = "schedule";
}
