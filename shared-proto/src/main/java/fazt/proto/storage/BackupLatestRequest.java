package fazt.proto.storage;

import fazt.proto.MessageType;

/** Asks storage-svc for the newest completed and failed backups. {@code caller} names the asking service. */
@MessageType("storage.backup_latest_request.v1")
public record BackupLatestRequest(String caller) {}
