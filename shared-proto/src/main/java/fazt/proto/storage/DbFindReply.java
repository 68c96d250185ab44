package fazt.proto.storage;

import fazt.proto.MessageType;

/** A page of documents; {@code cursor} is null on the last page. */
@MessageType("storage.db_find_reply.v1")
public record DbFindReply(java.util.List<com.fasterxml.jackson.databind.JsonNode> documents, String cursor) {}
