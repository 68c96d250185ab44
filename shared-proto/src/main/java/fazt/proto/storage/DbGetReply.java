package fazt.proto.storage;

import fazt.proto.MessageType;

/** The document (with its {@code _id}) or {@code found} false. */
@MessageType("storage.db_get_reply.v1")
public record DbGetReply(boolean found, com.fasterxml.jackson.databind.JsonNode document) {}
