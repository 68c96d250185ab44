package fazt.proto.backup;

import fazt.proto.MessageType;
import java.util.Map;

/** A committed import: the rows restored per table, in import order. */
@MessageType("backup.import_reply.v1")
public record SchemaImportReply(String service, String schemaVersion, Map<String, Long> rows) {
    public SchemaImportReply {
        rows = rows == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }
}
