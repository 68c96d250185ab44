package fazt.proto.storage;

import fazt.proto.MessageType;

/** Delete every document matching {@code query}. */
@MessageType("storage.db_delete_request.v1")
public record DbDeleteRequest(String appId, String collection, com.fasterxml.jackson.databind.JsonNode query) {}
