package fazt.proto.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageType;

/** The document (with its {@code _id}) or {@code found} false. */
@MessageType("storage.db_get_reply.v1")
public record DbGetReply(boolean found, JsonNode document) {}
