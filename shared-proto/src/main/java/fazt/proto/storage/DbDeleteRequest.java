package fazt.proto.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageType;

/** Delete every document matching {@code query}. */
@MessageType("storage.db_delete_request.v1")
public record DbDeleteRequest(String appId, String collection, JsonNode query) {}
