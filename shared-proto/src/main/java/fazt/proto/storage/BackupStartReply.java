package fazt.proto.storage;

import fazt.proto.MessageType;

/**
 * The answer to {@link BackupStartRequest}. {@code started}: the backup {@code name} now runs in the background (as
 * {@code POST /api/backups} does; its progress is {@code GET /api/backups/{name}}). Otherwise nothing started and
 * {@code reason} says why: {@link #RUNNING} (the backup {@code name} is still running) or {@link #TICK_TAKEN} (the
 * backup {@code name} for this tick was started already, by another scheduler instance).
 */
@MessageType("storage.backup_start_reply.v1")
public record BackupStartReply(String name, boolean started, String reason) {
    public static final String RUNNING = "running";
    public static final String TICK_TAKEN = "tick-taken";
}
