package fazt.proto.storage;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * The newest backup that completed ({@code done}: read back and every hash checked), and the newest that failed after
 * it, if any. Null fields: no such backup. {@code running} counts the backups under way.
 */
@MessageType("storage.backup_latest_reply.v1")
public record BackupLatestReply(
        String lastDone, Instant lastDoneAt, String lastFailed, Instant lastFailedAt, String lastError, int running) {}
