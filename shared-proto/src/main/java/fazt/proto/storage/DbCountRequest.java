package fazt.proto.storage;

import fazt.proto.MessageType;

/** Count the documents matching {@code query}. */
@MessageType("storage.db_count_request.v1")
public record DbCountRequest(String appId, String collection, com.fasterxml.jackson.databind.JsonNode query) {}
