package fazt.proto.backup;

import fazt.proto.MessageType;

/**
 * Asks a service to export its schema. {@code snapshot} is a PostgreSQL snapshot id from the coordinator's
 * {@code pg_export_snapshot()}, so every schema is read at one instant; null, or a snapshot the service's database
 * cannot import (another server), makes the service read with a snapshot of its own and say so in the reply.
 */
@MessageType("backup.export_request.v1")
public record SchemaExportRequest(String caller, String snapshot) {}
