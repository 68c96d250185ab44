package fazt.proto.backup;

import fazt.proto.MessageType;

/**
 * Asks a service to import a part into its schema, in one transaction: all rows or none. The part is pulled from the
 * body stream {@code stream}. The service refuses a part whose {@code schemaVersion} is newer than its own schema,
 * and a schema that holds rows unless {@code replace} is set (then its rows are deleted first, in the same
 * transaction).
 */
@MessageType("backup.import_request.v1")
public record SchemaImportRequest(String caller, String schemaVersion, String stream, boolean replace) {}
